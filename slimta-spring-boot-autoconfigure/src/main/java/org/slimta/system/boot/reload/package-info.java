/**
 * What SIGHUP does after its listeners: the configuration refreshed through Spring Cloud Context,
 * the log files reopened, each step recorded in a {@code Reload}, and the outcome logged and shown
 * in the health; logs through {@code org.slimta.system.reload}.
 */
@NullMarked
package org.slimta.system.boot.reload;

import org.jspecify.annotations.NullMarked;
