/**
 * The {@code IdGenerator} of RFC 9562 UUIDs of the configured version.
 */
@NullMarked
package org.slimta.system.autoconfigure.uuid;

import org.jspecify.annotations.NullMarked;
