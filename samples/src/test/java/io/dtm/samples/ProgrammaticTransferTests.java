package io.dtm.samples;

import java.util.EnumSet;
import java.util.Set;

import io.dtm.samples.bank.TransReq;
import io.dtm.samples.programmatic.ProgrammaticTransferService;
import io.dtm.samples.transfer.Mode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The initiator written with DtmClient's builders instead of the annotations, against the
 * same bank.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:bank-tests;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-tests;DB_CLOSE_DELAY=-1" })
class ProgrammaticTransferTests extends AbstractTransferFlowTests {

    @Autowired
    ProgrammaticTransferService programmatic;

    /**
     * No XA on H2; the workflow has no second form (it is programmatic in both
     * initiators).
     */
    @Override
    Set<Mode> modes() {
        return EnumSet.of(Mode.SAGA, Mode.TCC, Mode.MSG);
    }

    @Override
    void initiate(Mode mode, TransReq req) {
        switch (mode) {
            case SAGA -> this.programmatic.saga(req);
            case TCC -> this.programmatic.tcc(req);
            case MSG -> this.programmatic.msg(req);
            case XA -> this.programmatic.xa(req);
            case WORKFLOW -> throw new IllegalArgumentException("the programmatic initiator has no workflow");
        }
    }

    @Override
    String lastGid() {
        return this.programmatic.lastGid();
    }

    /**
     * doAndSubmitDb prepares first, so the coordinator has the message, and aborts it.
     */
    @Override
    void assertMsgAfterFailedLocalTransaction(String gid) {
        assertEnded(gid, "failed", UNCHANGED);
    }

}
