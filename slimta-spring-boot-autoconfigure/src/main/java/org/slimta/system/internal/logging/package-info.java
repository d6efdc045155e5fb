/**
 * The log files of Logback or Log4j2 reopened at their configured paths, as after logrotate moved
 * them away, with what reopening each did.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.logging;

import org.jspecify.annotations.NullMarked;
