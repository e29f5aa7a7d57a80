package io.dtm.coordinator.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * One WARN line at startup when the coordinator serves its API without authentication on
 * an address other hosts can reach: anyone there could read, submit, abort or force-stop
 * transactions.
 */
public class OpenApiWarning implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(OpenApiWarning.class);

    private final String serverAddress;

    /**
     * @param serverAddress {@code server.address}; null or blank means every interface
     */
    public OpenApiWarning(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (reachableBeyondLoopback(serverAddress)) {
            log.warn(
                    "The dtm coordinator API (/api/dtmsvr, /api/json-rpc) is open to anyone who can reach {}:"
                            + " authentication is off. Set dtm.coordinator.auth.enabled=true with"
                            + " dtm.coordinator.auth.tokens (see docs/security.md), or bind to loopback with"
                            + " server.address=127.0.0.1.",
                    serverAddress == null || serverAddress.isBlank() ? "every interface" : serverAddress);
        }
    }

    static boolean reachableBeyondLoopback(String address) {
        if (address == null || address.isBlank()) {
            return true;
        }
        try {
            return !InetAddress.getByName(address.trim()).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return true;
        }
    }

}
