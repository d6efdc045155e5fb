/**
 * The {@code IdGenerator} of RFC 9562 UUIDs of the configured version.
 */
package org.slimta.system.autoconfigure.uuid;
