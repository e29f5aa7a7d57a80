package io.dtm.spring.feign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import feign.Client;
import feign.Feign;
import feign.Response;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.autoconfigure.DtmAnnotationAutoConfiguration;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.openfeign.support.SpringMvcContract;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the Feign capability of the auto-configuration does with annotated calls made
 * outside their transaction, by default and with
 * {@code dtm.annotations.plain-calls-outside-transaction=true}.
 */
class DtmFeignClientOutsideTransactionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmAnnotationAutoConfiguration.class));

    private final List<String> sent = new ArrayList<>();

    private final Client network = (request, options) -> {
        this.sent.add(request.url());
        return Response.builder().status(200).request(request).headers(Map.of()).body(new byte[0]).build();
    };

    @Test
    void byDefaultAStepOrTryOutsideItsTransactionFailsAndNothingIsSent() {
        this.runner.run((context) -> {
            Bank bank = bank(context.getBean(DtmFeignCapability.class));
            assertThatExceptionOfType(NoGlobalTransactionException.class).isThrownBy(() -> bank.withdraw("{}"))
                .withMessageStartingWith("The @DtmStep Feign method " + Bank.class.getName() + ".withdraw() was called "
                        + "outside a @GlobalSaga or @DtmMsg method");
            assertThatExceptionOfType(NoGlobalTransactionException.class).isThrownBy(() -> bank.tryWithdraw("{}"))
                .withMessageContaining("@TccTry Feign method " + Bank.class.getName() + ".tryWithdraw()");
            assertThat(this.sent).isEmpty();
        });
    }

    @Test
    void aStepInsideAnotherKindOfTransactionFailsNamingIt() {
        this.runner.run((context) -> {
            Bank bank = bank(context.getBean(DtmFeignCapability.class));
            DtmTransaction tcc = new DtmTransaction("gid-1", TransType.TCC.wireName(), "", "try", "");
            assertThatExceptionOfType(NoGlobalTransactionException.class)
                .isThrownBy(() -> DtmContextHolder.callWith(tcc, () -> {
                    bank.withdraw("{}");
                    return null;
                }))
                .withMessageContaining("This thread is in tcc transaction gid-1, which records no steps");
            assertThat(this.sent).isEmpty();
        });
    }

    @Test
    void withPlainCallsAllowedTheyAreSentAsIs() {
        this.runner.withPropertyValues("dtm.annotations.plain-calls-outside-transaction=true").run((context) -> {
            Bank bank = bank(context.getBean(DtmFeignCapability.class));
            bank.withdraw("{}");
            bank.tryWithdraw("{}");
            assertThat(this.sent).containsExactly("http://bank/withdraw", "http://bank/tryWithdraw");
        });
    }

    private Bank bank(DtmFeignCapability capability) {
        return Feign.builder()
            .contract(new SpringMvcContract())
            .addCapability(capability)
            .client(this.network)
            .target(Bank.class, "http://bank");
    }

    interface Bank {

        @DtmStep(compensate = "/withdrawRevert")
        @PostMapping("/withdraw")
        void withdraw(@RequestBody String body);

        @TccTry(confirm = "/confirm", cancel = "/cancel")
        @PostMapping("/tryWithdraw")
        void tryWithdraw(@RequestBody String body);

    }

}
