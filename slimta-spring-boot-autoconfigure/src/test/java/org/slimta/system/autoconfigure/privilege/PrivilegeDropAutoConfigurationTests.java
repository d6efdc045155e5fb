package org.slimta.system.autoconfigure.privilege;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.autoconfigure.internal.InvalidSystemPropertyFailureAnalyzer;
import org.slimta.system.autoconfigure.SlimtaSystemAutoConfiguration;
import org.slimta.system.boot.internal.privilege.PrivilegeDropGateFilter;
import org.slimta.system.boot.internal.privilege.PrivilegeDropGateWebFilter;
import org.slimta.system.boot.internal.privilege.PrivilegeDropListener;
import org.slimta.system.internal.posix.Posix;
import org.slimta.system.internal.privilege.PrivilegeDrop;

import org.slimta.system.testsupport.Linux;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PrivilegeDropAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SlimtaSystemAutoConfiguration.class,
			PrivilegeDropAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void reportsNotConfiguredAndHoldsNoRequestWithoutUser() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context.getBean(PrivilegeDrop.class).state()).isEqualTo(PrivilegeDrop.State.NOT_CONFIGURED);
			assertThat(context.getBean("slimtaPrivilegeDropStatus", FeatureStatus.class).value())
				.isEqualTo("not-configured");
			assertThat(context.getBean("slimtaPrivilegeDropStatus", FeatureStatus.class).failed()).isFalse();
			// What the kernel reports, whether or not a drop is configured.
			FeatureStatus capabilities = context.getBean("slimtaCapabilitiesStatus", FeatureStatus.class);
			assertThat(capabilities.detail()).isEqualTo("capabilities");
			assertThat(capabilities.value()).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsKeys("process", "threads", "cleared", "remaining");
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
		});
	}

	@Test
	void holdsServletRequestsWhenUserIsSet() {
		assumeRoot();
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("slimta.system.privileges.user=nobody")
			.run((context) -> {
				PrivilegeDrop drop = context.getBean(PrivilegeDrop.class);
				assertThat(drop.state()).isEqualTo(PrivilegeDrop.State.PENDING);
				assertThat(drop.target().describe()).isEqualTo("nobody:nogroup (uid 65534, gid 65534)");
				assertThat(context.getBean("slimtaPrivilegeDropStatus", FeatureStatus.class).value()).isEqualTo("pending");
				assertThat(context.getBean(FilterRegistrationBean.class).getFilter())
					.isInstanceOf(PrivilegeDropGateFilter.class);
				assertThat(context).doesNotHaveBean(WebFilter.class);
			});
	}

	@Test
	void holdsReactiveRequestsWhenUserIsSet() {
		assumeRoot();
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("slimta.system.privileges.user=65534", "slimta.system.privileges.group=0")
			.run((context) -> {
				assertThat(context.getBean(PrivilegeDrop.class).target().describe())
					.isEqualTo("nobody:root (uid 65534, gid 0)");
				assertThat(context).hasSingleBean(PrivilegeDropGateWebFilter.class)
					.doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void needsNoWebStackOnTheClassPath() {
		assumeRoot();
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.server",
					"org.springframework.boot.actuate"))
			.withPropertyValues("slimta.system.privileges.user=nobody")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PrivilegeDropListener.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void takesNoSupplementaryGroupWhenTheyAreTurnedOff() {
		assumeRoot();
		this.contextRunner
			.withPropertyValues("slimta.system.privileges.user=nobody",
					"slimta.system.privileges.supplementary-groups=false")
			.run((context) -> assertThat(context.getBean(PrivilegeDrop.class).target().groups()).isEmpty());
	}

	@Test
	void refusesAnUnknownUserNamingThePropertyAndTheValue() {
		assumeNative();
		this.contextRunner.withPropertyValues("slimta.system.privileges.user=no-such-user-here")
			.run((context) -> assertThat(analyze(context.getStartupFailure()))
				.satisfies((analysis) -> {
					assertThat(analysis.getDescription())
						.contains("Invalid value for property 'slimta.system.privileges.user': \"no-such-user-here\"")
						.contains("no user 'no-such-user-here' in the user database");
					assertThat(analysis.getAction()).contains("Set 'slimta.system.privileges.user' to an existing");
				}));
	}

	@Test
	void cutsAVeryLongUserInEveryMessage() {
		assumeNative();
		String user = "a".repeat(100_000);
		for (String value : new String[] { user, " " + user + " ", "9".repeat(100_000) }) {
			this.contextRunner.withPropertyValues("slimta.system.privileges.user=" + value).run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).hasSizeLessThan(1000).doesNotContain("a".repeat(61), "9".repeat(61));
				assertThat(analysis.getAction()).contains("an existing, unprivileged user name or numeric uid");
				for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
					assertThat(String.valueOf(failure.getMessage())).as("message of %s", failure.getClass().getName())
						.hasSizeLessThan(1000);
				}
			});
		}
	}

	@Test
	void refusesAnUnknownGroupNamingThePropertyAndTheValue() {
		assumeNative();
		this.contextRunner
			.withPropertyValues("slimta.system.privileges.user=nobody", "slimta.system.privileges.group=424242")
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("Invalid value for property 'slimta.system.privileges.group': \"424242\"")
				.contains("no group '424242' in the group database"));
	}

	@Test
	void refusesAGroupWithoutAUser() {
		this.contextRunner.withPropertyValues("slimta.system.privileges.group=nogroup")
			.run((context) -> assertThat(analyze(context.getStartupFailure())).satisfies((analysis) -> {
				assertThat(analysis.getDescription())
					.contains("Invalid value for property 'slimta.system.privileges.group': \"nogroup\"")
					.contains("a group alone is no privilege drop");
				assertThat(analysis.getAction()).contains("together with 'slimta.system.privileges.user'");
			}));
	}

	@Test
	void refusesToDropToRoot() {
		assumeNative();
		this.contextRunner.withPropertyValues("slimta.system.privileges.user=0")
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("'0' is root (uid 0): dropping to it keeps every privilege"));
	}

	@Test
	void isAbsentWhenTheSystemHelpersAreDisabled() {
		this.contextRunner.withPropertyValues("slimta.system.enabled=false", "slimta.system.privileges.user=nobody")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PrivilegeDrop.class));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		return new InvalidSystemPropertyFailureAnalyzer().analyze(failure);
	}

	private static void assumeNative() {
		assumeTrue(Posix.availability().available(), "native calls unavailable: " + Posix.availability().reason());
	}

	private static void assumeRoot() {
		Linux.assumeRoot("dropping privileges");
	}

}
