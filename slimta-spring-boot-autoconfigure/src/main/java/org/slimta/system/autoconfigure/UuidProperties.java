package org.slimta.system.autoconfigure;

import org.slimta.system.uuid.UuidGenerator;

/**
 * {@code slimta.system.uuid.*}: the IdGenerator bean.
 *
 * @since 0.1.0
 */
public class UuidProperties {

	/**
	 * UUID version of the IdGenerator bean: 4 (random), 7 (time-ordered, Unix epoch) or 1
	 * (time-based).
	 */
	private int version = 4;

	public int getVersion() {
		return this.version;
	}

	public void setVersion(int version) {
		this.version = UuidGenerator.requireSupportedVersion(version);
	}

}
