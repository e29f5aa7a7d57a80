package io.dtm.coordinator.engine;

import io.dtm.protocol.TransGlobal;

/** Told after every processing pass of a transaction, whatever its outcome. */
@FunctionalInterface
public interface TransProcessedListener {

    void processed(TransGlobal global);

}
