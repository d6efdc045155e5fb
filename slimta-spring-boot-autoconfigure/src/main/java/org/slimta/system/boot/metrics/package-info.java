/**
 * Micrometer meters of the signals received and of the time their listeners took.
 */
@NullMarked
package org.slimta.system.boot.metrics;

import org.jspecify.annotations.NullMarked;
