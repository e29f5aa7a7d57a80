/**
 * Carries the bound transaction across calls and threads: inbound filter, RestClient and
 * WebClient interceptors, the task decorator and the context-propagation accessor.
 */
@NullMarked
package io.dtm.spring.propagation;

import org.jspecify.annotations.NullMarked;
