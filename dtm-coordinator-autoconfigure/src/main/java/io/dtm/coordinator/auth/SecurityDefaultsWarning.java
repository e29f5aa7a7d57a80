package io.dtm.coordinator.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;

/**
 * One WARN line at startup naming the security defaults, kept for development, that are
 * still open: the API without authentication beyond loopback, unsigned calls to branches,
 * no allow-list of branch URLs, and, when the dtm starter runs in the same application,
 * its callback endpoints accepting unsigned calls (the starter then leaves that item to
 * this line). Nothing is logged when none applies.
 */
public class SecurityDefaultsWarning implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SecurityDefaultsWarning.class);

    /**
     * The starter's guard of its callback endpoints; defined when the starter serves them
     * in this application.
     */
    static final String STARTER_CALLBACK_GUARD = "dtmSignedCallbackGuard";

    private final Environment environment;

    private final CallbackSigner signer;

    private final BranchUrlPolicy urlPolicy;

    private final ListableBeanFactory beanFactory;

    public SecurityDefaultsWarning(Environment environment, CallbackSigner signer, BranchUrlPolicy urlPolicy,
            ListableBeanFactory beanFactory) {
        this.environment = environment;
        this.signer = signer;
        this.urlPolicy = urlPolicy;
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> open = openDefaults();
        if (!open.isEmpty()) {
            log.warn("dtm security defaults for development: {}. See docs/security.md.", String.join("; ", open));
        }
    }

    /** The open defaults that apply, each naming the property that closes it. */
    List<String> openDefaults() {
        List<String> open = new ArrayList<>();
        String address = this.environment.getProperty("server.address");
        if (!this.environment.getProperty("dtm.coordinator.auth.enabled", Boolean.class, false)
                && reachableBeyondLoopback(address)) {
            open.add("the API is open to " + (StringUtils.hasText(address) ? address.trim() : "every interface")
                    + " without authentication (dtm.coordinator.auth.enabled, or server.address=127.0.0.1)");
        }
        if (!this.signer.isEnabled()) {
            open.add("branch calls are not signed (dtm.coordinator.callback.signing-keys)");
        }
        if (!this.urlPolicy.hasAllowList()) {
            open.add("any branch URL is called (dtm.coordinator.callback.allowed-urls)");
        }
        if (this.beanFactory.containsBeanDefinition(STARTER_CALLBACK_GUARD) && !starterHasSecret()) {
            open.add("this service's callback endpoints accept unsigned calls (dtm.callback.secrets)");
        }
        return open;
    }

    private boolean starterHasSecret() {
        return Binder.get(this.environment)
            .bind("dtm.callback.secrets", Bindable.listOf(String.class))
            .map(secrets -> secrets.stream().anyMatch(StringUtils::hasLength))
            .orElse(false);
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
