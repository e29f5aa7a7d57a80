package io.dtm.coordinator.scenario;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The embedded coordinator plus the test business service, in one app on a random port.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CoordinatorTestApp {

    @Bean
    Busi busi() {
        return new Busi();
    }

    @Bean
    BusiController busiController(Busi busi) {
        return new BusiController(busi);
    }

    @Bean
    BarrierBusi barrierBusi() {
        return new BarrierBusi();
    }

    @Bean
    BarrierBusiController barrierBusiController(BarrierBusi barrierBusi) {
        return new BarrierBusiController(barrierBusi);
    }

    @Bean
    MutableClock dtmCoordinatorClock() {
        return new MutableClock();
    }

    @Bean
    ProcessedRecorder processedRecorder() {
        return new ProcessedRecorder();
    }

}
