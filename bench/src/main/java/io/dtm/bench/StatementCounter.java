package io.dtm.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** Counts the SQL round trips the coordinator's store makes (a JDBC batch is one). */
class StatementCounter implements QueryExecutionListener {

    private final LongAdder executions = new LongAdder();

    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

    DataSource wrap(DataSource dataSource) {
        return ProxyDataSourceBuilder.create(dataSource).name("dtm-store").listener(this).build();
    }

    long executions() {
        return executions.sum();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        executions.increment();
        String sql = queryInfoList.isEmpty() ? "?" : queryInfoList.get(0).getQuery();
        bySql.computeIfAbsent(sql.length() > 70 ? sql.substring(0, 70) : sql, k -> new LongAdder()).increment();
    }

    /** Executions per statement text since the last call, for the report. */
    Map<String, Long> drainBySql() {
        Map<String, Long> counts = new TreeMap<>();
        bySql.forEach((sql, count) -> counts.put(sql, count.sumThenReset()));
        return counts;
    }

}
