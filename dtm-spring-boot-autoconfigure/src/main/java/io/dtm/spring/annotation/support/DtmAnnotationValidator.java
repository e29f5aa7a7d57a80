package io.dtm.spring.annotation.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.annotation.InvalidDtmAnnotationsException;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.XaBranch;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.xa.XaParticipant;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.PropertyResolver;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Checks the dtm annotations of every bean and Feign client once the context is built,
 * and fails the startup with a message that says what to fix: a {@code @DtmStep} Feign
 * method that returns a value, a {@code @TccTry} Feign method without confirm or cancel,
 * a barrier or msg annotation without a DataSource, an option that does not parse, and
 * with {@code dtm.annotations.mode=aspectj} an annotated class that was not woven, an
 * annotation the woven aspects do not see, or an initiator inside a
 * {@code @Transactional} proxy.
 */
public class DtmAnnotationValidator implements SmartInitializingSingleton {

    private static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";

    private static final List<Class<? extends Annotation>> BARRIER_ANNOTATIONS = List.of(DtmBarrier.class, TccTry.class,
            TccConfirm.class, TccCancel.class);

    private static final List<Class<? extends Annotation>> INITIATOR_ANNOTATIONS = List.of(GlobalSaga.class,
            DtmMsg.class, GlobalTcc.class, GlobalXa.class);

    private static final List<Class<? extends Annotation>> ALL_ANNOTATIONS = List.of(GlobalSaga.class, DtmMsg.class,
            GlobalTcc.class, GlobalXa.class, DtmBarrier.class, TccTry.class, TccConfirm.class, TccCancel.class,
            XaBranch.class);

    private final ConfigurableListableBeanFactory beanFactory;

    private final PropertyResolver propertyResolver;

    public DtmAnnotationValidator(ConfigurableListableBeanFactory beanFactory, PropertyResolver propertyResolver) {
        this.beanFactory = beanFactory;
        this.propertyResolver = propertyResolver;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> problems = new LinkedHashSet<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (String name : this.beanFactory.getBeanDefinitionNames()) {
            Class<?> type = this.beanFactory.getType(name, false);
            if (type == null || !seen.add(type)) {
                continue;
            }
            if (Proxy.isProxyClass(type)) {
                for (Class<?> ifc : type.getInterfaces()) {
                    checkFeignClient(ifc, problems);
                }
            }
            else if (type.isInterface()) {
                checkFeignClient(type, problems);
            }
            else {
                try {
                    checkBean(name, ClassUtils.getUserClass(type), problems);
                }
                catch (LinkageError ex) {
                    // a class whose optional dependencies are absent has no dtm
                    // annotations to check
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDtmAnnotationsException(List.copyOf(problems));
        }
    }

    private void checkFeignClient(Class<?> type, Set<String> problems) {
        if (!MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(FEIGN_CLIENT)) {
            return;
        }
        for (Method method : type.getMethods()) {
            DtmStep step = AnnotatedElementUtils.findMergedAnnotation(method, DtmStep.class);
            if (step != null && method.getReturnType() != void.class) {
                problems.add("@DtmStep " + AnnotatedMethods.describe(method) + " returns "
                        + method.getReturnType().getSimpleName()
                        + ": a step is recorded, not sent, so it has no result. Declare it void");
            }
            TccTry tccTry = AnnotatedElementUtils.findMergedAnnotation(method, TccTry.class);
            if (tccTry != null && (!StringUtils.hasText(tccTry.confirm()) || !StringUtils.hasText(tccTry.cancel()))) {
                String missing = !StringUtils.hasText(tccTry.confirm())
                        ? (!StringUtils.hasText(tccTry.cancel()) ? "confirm and no cancel" : "confirm") : "cancel";
                problems.add("@TccTry " + AnnotatedMethods.describe(method) + " has no " + missing
                        + ": on a Feign method it needs both, "
                        + "e.g. @TccTry(confirm = \"/transOutConfirm\", cancel = \"/transOutCancel\")");
            }
        }
    }

    private void checkBean(String beanName, Class<?> type, Set<String> problems) {
        boolean aspectJMode = aspectJMode();
        boolean transactionProxy = aspectJMode && hasTransactionProxy(beanName);
        ReflectionUtils.doWithMethods(type, (method) -> {
            if (aspectJMode) {
                checkWeaving(beanName, method, problems);
                if (transactionProxy) {
                    checkTransactionalInitiator(beanName, method, problems);
                }
            }
            for (Class<? extends Annotation> annotation : BARRIER_ANNOTATIONS) {
                if (AnnotatedElementUtils.hasAnnotation(method, annotation) && !hasBean(JdbcBarrier.class)) {
                    problems.add(usage(annotation, method, beanName) + " needs the branch barrier, but the application "
                            + "has no single DataSource: add spring-boot-starter-jdbc with a configured spring.datasource "
                            + "(the barrier table is dtm.barrier.table), or remove the annotation");
                }
            }
            if (AnnotatedElementUtils.hasAnnotation(method, XaBranch.class) && !hasBean(XaParticipant.class)) {
                problems.add(usage(XaBranch.class, method, beanName) + " needs an XA-capable DataSource (MySQL/MariaDB "
                        + "or PostgreSQL), but the application has no single DataSource: configure spring.datasource");
            }
            DtmMsg msg = AnnotatedElementUtils.findMergedAnnotation(method, DtmMsg.class);
            if (msg != null) {
                if (!hasBean(JdbcBarrier.class)) {
                    problems.add(usage(DtmMsg.class, method, beanName) + " runs the method in a local transaction with "
                            + "the msg barrier row, but the application has no single DataSource: add "
                            + "spring-boot-starter-jdbc with a configured spring.datasource, or use DtmClient.msg() instead");
                }
                parse(() -> InitiatorOptions.of(msg, method, this.propertyResolver), problems);
            }
            GlobalSaga saga = AnnotatedElementUtils.findMergedAnnotation(method, GlobalSaga.class);
            if (saga != null) {
                parse(() -> InitiatorOptions.of(saga, method, this.propertyResolver), problems);
            }
            GlobalTcc tcc = AnnotatedElementUtils.findMergedAnnotation(method, GlobalTcc.class);
            if (tcc != null) {
                parse(() -> InitiatorOptions.of(tcc, method, this.propertyResolver), problems);
            }
            GlobalXa xa = AnnotatedElementUtils.findMergedAnnotation(method, GlobalXa.class);
            if (xa != null) {
                parse(() -> InitiatorOptions.of(xa, method, this.propertyResolver), problems);
            }
        }, ReflectionUtils.USER_DECLARED_METHODS);
    }

    /**
     * Woven aspects match the annotations declared on the executed method only, in
     * classes the AspectJ compiler or load-time weaver processed: anything else would run
     * with no transaction at all.
     */
    private void checkWeaving(String beanName, Method method, Set<String> problems) {
        for (Class<? extends Annotation> annotation : ALL_ANNOTATIONS) {
            if (!AnnotatedElementUtils.hasAnnotation(method, annotation)) {
                continue;
            }
            if (!isWoven(method.getDeclaringClass())) {
                problems.add(usage(annotation, method, beanName) + " is not applied: " + AbstractDtmAspect.MODE_PROPERTY
                        + "=aspectj, but " + method.getDeclaringClass().getName()
                        + " was not woven with dtm's aspects. Compile it with the AspectJ compiler and "
                        + "dtm-spring-boot-autoconfigure as aspect library, or weave it at load time, or remove the "
                        + "property to use proxies");
            }
            else if (!method.isAnnotationPresent(annotation)) {
                problems.add(usage(annotation, method, beanName) + " is not declared on the method itself (it comes "
                        + "from an interface or a composed annotation), which woven aspects do not see: declare " + "@"
                        + annotation.getSimpleName() + " on " + AnnotatedMethods.describe(method));
            }
        }
    }

    /**
     * A woven initiator runs inside the method, so a {@code @Transactional} proxy around
     * it would commit after the submit; proxies put the initiator outside the local
     * transaction.
     */
    private void checkTransactionalInitiator(String beanName, Method method, Set<String> problems) {
        if (!AnnotatedElementUtils.hasAnnotation(method, Transactional.class)
                && !AnnotatedElementUtils.hasAnnotation(method.getDeclaringClass(), Transactional.class)) {
            return;
        }
        for (Class<? extends Annotation> annotation : INITIATOR_ANNOTATIONS) {
            if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
                problems.add(usage(annotation, method, beanName) + " is woven inside the @Transactional proxy of the "
                        + "bean, so its transaction would be submitted before the local commit. Weave @Transactional "
                        + "too (spring-aspects with @EnableTransactionManagement(mode = AdviceMode.ASPECTJ)), or run "
                        + "the local transaction in a method the initiator calls on another bean");
            }
        }
    }

    private boolean hasTransactionProxy(String beanName) {
        if (!this.beanFactory.containsSingleton(beanName)
                || !(this.beanFactory.getSingleton(beanName) instanceof Advised advised)) {
            return false;
        }
        for (Advisor advisor : advised.getAdvisors()) {
            if (advisor.getAdvice() instanceof TransactionInterceptor) {
                return true;
            }
        }
        return false;
    }

    private boolean aspectJMode() {
        return "aspectj".equalsIgnoreCase(this.propertyResolver.getProperty(AbstractDtmAspect.MODE_PROPERTY));
    }

    /** The AspectJ weaver adds fields named {@code ajc$...} to the classes it advises. */
    private static boolean isWoven(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().startsWith("ajc$")) {
                return true;
            }
        }
        return false;
    }

    private boolean hasBean(Class<?> type) {
        return this.beanFactory.getBeanNamesForType(type, true, false).length > 0;
    }

    private static String usage(Class<? extends Annotation> annotation, Method method, String beanName) {
        return "@" + annotation.getSimpleName() + " on " + AnnotatedMethods.describe(method) + " (bean '" + beanName
                + "')";
    }

    private static void parse(Runnable parse, Set<String> problems) {
        try {
            parse.run();
        }
        catch (IllegalStateException ex) {
            problems.add(ex.getMessage());
        }
    }

}
