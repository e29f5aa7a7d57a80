/**
 * Bearer-token authentication and role-based access to the coordinator's API.
 */
@NullMarked
package io.dtm.coordinator.auth;

import org.jspecify.annotations.NullMarked;
