package io.dtm.spring.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.XaBranch;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Whether the application's beans have methods that run behind the JDBC barrier.
 */
final class BarrierHandlers {

    private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(DtmBarrier.class, TccTry.class,
            TccConfirm.class, TccCancel.class, DtmMsg.class, XaBranch.class);

    private BarrierHandlers() {
    }

    static boolean present(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            // a Feign client (an interface or its JDK proxy) calls handlers, it is not
            // one
            if (type == null || type.isInterface() || Proxy.isProxyClass(type)) {
                continue;
            }
            try {
                if (hasHandler(ClassUtils.getUserClass(type))) {
                    return true;
                }
            }
            catch (LinkageError ex) {
                // a class whose optional dependencies are absent has no handlers
            }
        }
        return false;
    }

    private static boolean hasHandler(Class<?> type) {
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
            MergedAnnotations annotations = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY);
            for (Class<? extends Annotation> annotation : ANNOTATIONS) {
                if (annotations.isPresent(annotation)) {
                    return true;
                }
            }
        }
        return false;
    }

}
