package org.slimta.system.boot.internal.privilege;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.privilege.PrivilegeDrop;

/**
 * The {@code privileges} health detail: {@code not-configured}, {@code dropped} or {@code failed}
 * (which makes the health DOWN); {@code pending} only while requests are still held.
 */
public final class PrivilegeDropStatus implements FeatureStatus {

	private final PrivilegeDrop drop;

	/**
	 * Create the status.
	 * @param drop the drop it shows
	 */
	public PrivilegeDropStatus(PrivilegeDrop drop) {
		this.drop = drop;
	}

	@Override
	public String detail() {
		return "privileges";
	}

	@Override
	public Object value() {
		return this.drop.state().value();
	}

	@Override
	public boolean failed() {
		return this.drop.state() == PrivilegeDrop.State.FAILED;
	}

}
