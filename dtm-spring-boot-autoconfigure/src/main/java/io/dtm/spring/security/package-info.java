/**
 * Callback security: signatures of branch calls and their verification (filter, replay
 * cache, signed callback guard) and the coordinators trusted to name themselves in a
 * request.
 */
@NullMarked
package io.dtm.spring.security;

import org.jspecify.annotations.NullMarked;
