/**
 * What SIGHUP does after its listeners: the configuration refreshed through Spring Cloud Context,
 * the log files reopened, each step recorded in a {@code Reload}, and the outcome logged and shown
 * in the health; logs through {@code org.slimta.system.reload}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.reload;

import org.jspecify.annotations.NullMarked;
