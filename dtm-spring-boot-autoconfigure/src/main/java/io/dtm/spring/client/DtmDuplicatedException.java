package io.dtm.spring.client;

/**
 * A duplicated gid, where it was before it moved to {@code dtm-protocol}.
 *
 * @deprecated since 0.1.0 for removal: use
 * {@link io.dtm.protocol.DtmDuplicatedException}, which this extends
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmDuplicatedException extends io.dtm.protocol.DtmDuplicatedException {

    public DtmDuplicatedException(String message) {
        super(message);
    }

}
