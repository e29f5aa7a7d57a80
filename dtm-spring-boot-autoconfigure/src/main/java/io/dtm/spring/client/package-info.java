/**
 * The programmatic client: {@link io.dtm.spring.client.DtmClient} and the builders of
 * every mode ({@link io.dtm.spring.client.Saga}, {@link io.dtm.spring.client.Tcc},
 * {@link io.dtm.spring.client.Msg}, {@link io.dtm.spring.client.Xa},
 * {@link io.dtm.spring.client.Workflow}), the two-phase initiator they share with the
 * annotations, and the HTTP transport to the coordinator.
 */
@NullMarked
package io.dtm.spring.client;

import org.jspecify.annotations.NullMarked;
