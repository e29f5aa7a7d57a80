/**
 * dtm's wire protocol shared by the coordinator and the client: the transaction model
 * ({@link io.dtm.protocol.TransGlobal}, {@link io.dtm.protocol.TransBranch}), the typed
 * words ({@link io.dtm.protocol.TransType}, {@link io.dtm.protocol.TransStatus},
 * {@link io.dtm.protocol.BranchOp}), the strict request reader, gids, the callback
 * signature and the wire limits.
 */
@NullMarked
package io.dtm.protocol;

import org.jspecify.annotations.NullMarked;
