/**
 * Servlet support: a request whose body can be read twice.
 */
@NullMarked
package io.dtm.spring.web.servlet;

import org.jspecify.annotations.NullMarked;
