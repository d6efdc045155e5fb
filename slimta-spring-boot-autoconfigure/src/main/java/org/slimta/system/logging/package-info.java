/**
 * The log files of Logback or Log4j2 reopened at their configured paths, as after logrotate moved
 * them away, with what reopening each did.
 */
@NullMarked
package org.slimta.system.logging;

import org.jspecify.annotations.NullMarked;
