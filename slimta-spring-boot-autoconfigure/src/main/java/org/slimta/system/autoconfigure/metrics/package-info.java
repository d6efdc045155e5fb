/**
 * Micrometer meters of the signals received and of the time their listeners took.
 */
package org.slimta.system.autoconfigure.metrics;
