package org.slimta.system.boot.internal.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.ProcessIdentity;
import org.slimta.system.internal.posix.NativeAccess;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code slimta} health component: who the process is now (pid, user, uid, gid), how it makes
 * its native calls ({@code ffm}, {@code jnr} or {@code unavailable}) and the state of each feature as
 * the feature reports it. {@code DOWN} when a configured feature failed.
 */
public class SlimtaHealthIndicator extends AbstractHealthIndicator {

	private final List<FeatureStatus> features;

	/**
	 * Create a new indicator.
	 * @param features the features' statuses; a feature without one shows as not in use
	 */
	public SlimtaHealthIndicator(List<FeatureStatus> features) {
		super("slimta health check failed");
		this.features = List.copyOf(features);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ProcessIdentity identity = ProcessIdentity.current();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("pid", identity.pid());
		details.put("user", identity.user());
		details.put("uid", identity.uid());
		details.put("gid", identity.gid());
		details.put("native", NativeAccess.implementation());
		// What each feature shows while it is not in use; a feature's own status replaces it.
		details.put("privileges", "not-configured");
		details.put("signals", "disabled");
		details.put("daemon", false);
		boolean failed = false;
		for (FeatureStatus feature : this.features) {
			details.put(feature.detail(), feature.value());
			failed |= feature.failed();
		}
		(failed ? builder.down() : builder.up()).withDetails(details);
	}

}
