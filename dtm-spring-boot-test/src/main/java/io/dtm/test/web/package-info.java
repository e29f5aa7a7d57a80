/**
 * Resolution of URLs that name the test's own server with port {@code 0}.
 */
@NullMarked
package io.dtm.test.web;

import org.jspecify.annotations.NullMarked;
