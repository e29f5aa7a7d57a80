/**
 * Internal utilities shared by the client's packages. Not an API.
 */
@NullMarked
package io.dtm.spring.support;

import org.jspecify.annotations.NullMarked;
