/**
 * The callback endpoints the coordinator calls (message query, workflow resume) and the
 * mapping of dtm's exceptions to replies.
 */
@NullMarked
package io.dtm.spring.web;

import org.jspecify.annotations.NullMarked;
