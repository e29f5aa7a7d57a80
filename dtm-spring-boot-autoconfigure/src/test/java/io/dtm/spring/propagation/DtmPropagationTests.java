package io.dtm.spring.propagation;

import java.net.URI;

import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.web.BranchCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DtmPropagationTests {

    @Test
    void outboundCallsGetANewSubBranchAndTheBoundIdentifiers() {
        DtmTransaction transaction = new DtmTransaction("g 1", "tcc", "01", "try", "http://dtm:36789/api/dtmsvr");
        URI first = DtmPropagation.propagate(URI.create("http://svc/api/x?a=b"), transaction);
        URI second = DtmPropagation.propagate(URI.create("http://svc/api/x"), transaction);
        assertThat(first).hasToString(
                "http://svc/api/x?a=b&gid=g%201&trans_type=tcc&branch_id=0101&op=try&dtm=http%3A%2F%2Fdtm%3A36789%2Fapi%2Fdtmsvr");
        assertThat(second.getQuery()).contains("branch_id=0102");
    }

    @Test
    void urisWithoutATransactionOrWithTheirOwnGidAreLeftAlone() {
        URI uri = URI.create("http://svc/api/x?gid=mine");
        assertThat(DtmPropagation.propagate(uri, null)).isSameAs(uri);
        assertThat(DtmPropagation.propagate(uri, new DtmTransaction("g", "saga", "01", "action", ""))).isSameAs(uri);
    }

    @Test
    void inboundQueryStringIsDecoded() {
        DtmTransaction transaction = BranchCalls
            .transaction("gid=g%201&trans_type=saga&branch_id=01&op=compensate&dtm=http%3A%2F%2Fd%2Fapi");
        assertThat(transaction.gid()).isEqualTo("g 1");
        assertThat(transaction.op()).isEqualTo("compensate");
        assertThat(transaction.dtm()).isEqualTo("http://d/api");
        assertThat(BranchCalls.transaction("a=b")).isNull();
        assertThat(BranchCalls.transaction("gid=x")).isNull();
    }

}
