/**
 * Micrometer meters of the signals received and of the time their listeners took.
 */
@NullMarked
package org.slimta.system.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
