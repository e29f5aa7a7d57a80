package bench;

import com.alibaba.druid.pool.DruidDataSource;
import io.seata.saga.engine.config.DbStateMachineConfig;
import io.seata.saga.engine.impl.ProcessCtrlStateMachineEngine;
import io.seata.saga.rm.StateMachineEngineHolder;
import io.seata.saga.statelang.domain.ExecutionStatus;
import io.seata.saga.statelang.domain.StateMachineInstance;
import org.springframework.context.support.GenericApplicationContext;

import java.util.HashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A two-step saga on Seata's state machine engine (io.seata.saga.* in seata-all), state machine
 * {@code benchSaga2} of {@code saga/bench-saga2.json}: two ServiceTasks with empty in-process bodies, each with a
 * compensation. The engine keeps its state log in the client's tables ({@code saga-schema.sql}, database
 * {@code seata} here) and reports to the TC: begin and the global commit (with {@code sagaBranchRegister=true}
 * also a branch registration and report per step).
 * Services are looked up as beans of a Spring context, as the engine's SpringBeanServiceInvoker requires.
 * System properties: sagaBranchRegister (false, Seata's default), sagaDbUrl (jdbc:mysql://127.0.0.1:3306/seata?useSSL=false), sagaDbUser, sagaDbPassword (seata).
 */
final class SagaTx {

    static final LongAdder STEPS = new LongAdder();

    private SagaTx() {}

    /** The services the state machine calls; public for the engine's reflection. */
    public static final class Step {
        public boolean run() { STEPS.increment(); return true; }

        public boolean compensate() { return true; }
    }

    static Bench.Tx start(String app, String group, int threads) throws Exception {
        DruidDataSource ds = new DruidDataSource();
        ds.setUrl(System.getProperty("sagaDbUrl", "jdbc:mysql://127.0.0.1:3306/seata?useSSL=false"));
        ds.setUsername(System.getProperty("sagaDbUser", "seata"));
        ds.setPassword(System.getProperty("sagaDbPassword", "seata"));
        ds.setMaxActive(threads + 10);
        ds.init();
        GenericApplicationContext services = new GenericApplicationContext();
        services.registerBean("stepA", Step.class);
        services.registerBean("stepB", Step.class);
        services.refresh();
        DbStateMachineConfig config = new DbStateMachineConfig();
        config.setApplicationContext(services);
        config.setDataSource(ds);
        config.setResources(new String[] { "classpath*:saga/*.json" });
        config.setEnableAsync(false);
        config.setApplicationId(app);
        config.setTxServiceGroup(group);
        // Seata's default (client.rm.sagaBranchRegisterEnable=false): the TC sees the saga's begin and its end
        // only, the steps live in the client's state log; true registers a branch per step too
        config.setSagaBranchRegisterEnable(Boolean.getBoolean("sagaBranchRegister"));
        config.afterPropertiesSet(); // also starts the TM and RM clients of this application
        ProcessCtrlStateMachineEngine engine = new ProcessCtrlStateMachineEngine();
        engine.setStateMachineConfig(config);
        new StateMachineEngineHolder().setStateMachineEngine(engine);
        return new Bench.Tx() {
            public boolean run() {
                StateMachineInstance inst = engine.start("benchSaga2", null, new HashMap<>());
                if (inst.getException() != null) throw new IllegalStateException("saga failed", inst.getException());
                return inst.getStatus() == ExecutionStatus.SU && inst.getCompensationStatus() == null;
            }

            public long phaseTwoCommits() { return STEPS.sum(); }
        };
    }
}
