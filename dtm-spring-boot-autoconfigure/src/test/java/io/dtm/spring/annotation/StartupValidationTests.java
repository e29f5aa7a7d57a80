package io.dtm.spring.annotation;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Misused annotations stop the application at startup with a message that says what to
 * fix.
 */
class StartupValidationTests {

    private static final String NO_DATASOURCE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    @Test
    void aStepThatReturnsAValue() {
        assertThat(startupFailure(StepReturningValue.class)).contains(
                "@DtmStep io.dtm.spring.annotation.StartupValidationTests$ValueStepClient.transOut() returns String")
            .contains("Declare it void");
    }

    @Test
    void aTccTryWithoutCancel() {
        assertThat(startupFailure(TryWithoutCancel.class)).contains(
                "@TccTry io.dtm.spring.annotation.StartupValidationTests$NoCancelClient.transOutTry() has no cancel")
            .contains("@TccTry(confirm = ");
    }

    @Test
    void aBarrierWithoutDataSource() {
        assertThat(startupFailure(BarrierWithoutDataSource.class, NO_DATASOURCE))
            .contains("@DtmBarrier on io.dtm.spring.annotation.StartupValidationTests$BarrierHandler.transIn()")
            .contains("no single DataSource")
            .contains("spring-boot-starter-jdbc");
    }

    @Test
    void aTccParticipantWithoutDataSource() {
        assertThat(startupFailure(TccWithoutDataSource.class, NO_DATASOURCE))
            .contains("@TccConfirm on io.dtm.spring.annotation.StartupValidationTests$TccHandler.confirm()")
            .contains("no single DataSource");
    }

    @Test
    void aMsgWithoutDataSource() {
        assertThat(startupFailure(MsgWithoutDataSource.class, NO_DATASOURCE))
            .contains("@DtmMsg on io.dtm.spring.annotation.StartupValidationTests$MsgInitiator.send()")
            .contains("no single DataSource");
    }

    @Test
    void anOptionThatIsNotADuration() {
        assertThat(startupFailure(BadOption.class)).contains(
                "The timeoutToFail \"soon\" of the annotation on io.dtm.spring.annotation.StartupValidationTests$BadSaga.run()")
            .contains("is not a duration");
    }

    @Test
    void aGidThatIsNotAnExpressionOverTheParameters() {
        assertThat(startupFailure(BadGid.class))
            .contains("The gid \"'transfer-' + #request.id\" of @GlobalSaga on "
                    + "io.dtm.spring.annotation.StartupValidationTests$BadGidSaga.run(")
            .contains("refers to #request, which is not a parameter of the method; its parameters: #id")
            .contains("The gid \"'unclosed\" of @GlobalTcc on "
                    + "io.dtm.spring.annotation.StartupValidationTests$BadGidSaga.tcc(")
            .contains("is not a SpEL expression");
    }

    @Test
    void inAspectJModeAClassThatWasNotWoven() {
        assertThat(startupFailure(ValidApplication.class, "dtm.annotations.mode=aspectj"))
            .contains("@DtmBarrier on io.dtm.spring.annotation.StartupValidationTests$BarrierHandler.transIn()")
            .contains(
                    "dtm.annotations.mode=aspectj, but io.dtm.spring.annotation.StartupValidationTests$BarrierHandler "
                            + "was not woven with dtm's aspects");
    }

    @Test
    void inAspectJModeAnAnnotationOnlyOnTheInterface() {
        assertThat(startupFailure(InterfaceAnnotated.class, "dtm.annotations.mode=aspectj"))
            .contains("@DtmBarrier on io.dtm.spring.annotation.StartupValidationTests$WovenInterfaceHandler.transIn()")
            .contains("is not declared on the method itself")
            .doesNotContain("was not woven");
    }

    @Test
    void inAspectJModeAnInitiatorInsideATransactionalProxy() {
        assertThat(startupFailure(TransactionalInitiatorApplication.class, "dtm.annotations.mode=aspectj"))
            .contains("@GlobalSaga on io.dtm.spring.annotation.StartupValidationTests$TransactionalInitiator.run()")
            .contains("is woven inside the @Transactional proxy")
            .contains("@EnableTransactionManagement(mode = AdviceMode.ASPECTJ)");
    }

    @Test
    void withProxiesATransactionalInitiatorStarts() {
        try (ConfigurableApplicationContext context = application(TransactionalInitiatorApplication.class).run()) {
            assertThat(context.getBean(TransactionalInitiator.class)).isNotNull();
        }
    }

    @Test
    void withProxiesAnAnnotationOnTheInterfaceIsApplied() {
        try (ConfigurableApplicationContext context = application(InterfaceAnnotated.class).run()) {
            assertThat(context.getBean(BarrierHandlerApi.class)).isNotNull();
        }
    }

    @Test
    void aValidApplicationStarts() {
        try (ConfigurableApplicationContext context = application(ValidApplication.class).run()) {
            assertThat(context.getBean(BarrierHandler.class)).isNotNull();
        }
    }

    private static String startupFailure(Class<?> app, String... properties) {
        Throwable failure = catchThrowable(() -> application(app, properties).run().close());
        assertThat(failure).as("startup failure").isNotNull();
        return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
    }

    private static SpringApplicationBuilder application(Class<?> app, String... properties) {
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "logging.level.root=OFF",
                    "spring.cloud.compatibility-verifier.enabled=false",
                    "spring.datasource.url=jdbc:h2:mem:validation;DB_CLOSE_DELAY=-1")
            .properties(properties);
    }

    @FeignClient(name = "value-step", url = "http://localhost:1")
    interface ValueStepClient {

        @DtmStep(compensate = "/transOutRevert")
        @PostMapping("/transOut")
        String transOut();

    }

    @FeignClient(name = "no-cancel", url = "http://localhost:1")
    interface NoCancelClient {

        @TccTry(confirm = "/transOutConfirm")
        @PostMapping("/transOutTry")
        void transOutTry();

    }

    static class BarrierHandler {

        @DtmBarrier
        public void transIn() {
        }

    }

    static class TransactionalInitiator {

        // what the AspectJ weaver adds to the classes it advises
        @SuppressWarnings("unused")
        private static final Object ajc$tjp_0 = null;

        @GlobalSaga
        @Transactional
        public void run() {
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TransactionalInitiatorApplication {

        @Bean
        TransactionalInitiator transactionalInitiator() {
            return new TransactionalInitiator();
        }

    }

    interface BarrierHandlerApi {

        @DtmBarrier
        void transIn();

    }

    static class WovenInterfaceHandler implements BarrierHandlerApi {

        // what the AspectJ weaver adds to the classes it advises
        @SuppressWarnings("unused")
        private static final Object ajc$tjp_0 = null;

        @Override
        public void transIn() {
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class InterfaceAnnotated {

        @Bean
        WovenInterfaceHandler wovenInterfaceHandler() {
            return new WovenInterfaceHandler();
        }

    }

    static class TccHandler {

        @TccConfirm
        public void confirm() {
        }

    }

    static class MsgInitiator {

        @DtmMsg
        public void send() {
        }

    }

    static class BadGidSaga {

        @GlobalSaga(gid = "'transfer-' + #request.id")
        public void run(String id) {
        }

        @GlobalTcc(gid = "'unclosed")
        public void tcc(String id) {
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BadGid {

        @Bean
        BadGidSaga badGidSaga() {
            return new BadGidSaga();
        }

    }

    static class BadSaga {

        @GlobalSaga(timeoutToFail = "soon")
        public void run() {
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = ValueStepClient.class)
    static class StepReturningValue {

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = NoCancelClient.class)
    static class TryWithoutCancel {

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BarrierWithoutDataSource {

        @Bean
        BarrierHandler barrierHandler() {
            return new BarrierHandler();
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TccWithoutDataSource {

        @Bean
        TccHandler tccHandler() {
            return new TccHandler();
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MsgWithoutDataSource {

        @Bean
        MsgInitiator msgInitiator() {
            return new MsgInitiator();
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BadOption {

        @Bean
        BadSaga badSaga() {
            return new BadSaga();
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ValidApplication {

        @Bean
        BarrierHandler barrierHandler() {
            return new BarrierHandler();
        }

        @Bean
        MsgInitiator msgInitiator() {
            return new MsgInitiator();
        }

    }

}
