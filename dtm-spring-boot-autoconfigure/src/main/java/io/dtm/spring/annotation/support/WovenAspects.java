package io.dtm.spring.annotation.support;

import java.util.List;

/**
 * dtm's aspects once configured for {@code dtm.annotations.mode=aspectj}. The aspects
 * themselves are not beans: Spring AOP applies {@code @Aspect} beans through proxies to
 * the classes that were not woven, and in this mode nothing is proxied.
 */
public final class WovenAspects {

    private final List<AbstractDtmAspect> aspects;

    public WovenAspects(AbstractDtmAspect... aspects) {
        this.aspects = List.of(aspects);
    }

    /** The configured aspect singletons. */
    public List<AbstractDtmAspect> aspects() {
        return this.aspects;
    }

}
