package org.slimta.system.boot.internal.signal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slimta.system.signal.Signal;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SignalShutdownTests {

	@Test
	void refusesTrafficAtOnceThenClosesAndExitsWith128PlusTheSignal() throws Exception {
		Application application = new Application(Duration.ZERO, null);
		application.shutdown.begin(Signal.SIGTERM);
		assertThat(application.exit.get(10, TimeUnit.SECONDS)).isEqualTo(143);
		assertThat(application.readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC);
		assertThat(application.context.isActive()).isFalse();
	}

	@Test
	void keepsServingDuringTheDelayUntilASecondShutdownSignal() throws Exception {
		Application application = new Application(Duration.ofMinutes(10), 0);
		application.shutdown.begin(Signal.SIGTERM);
		application.refusing.get(10, TimeUnit.SECONDS);
		assertThat(application.context.isActive()).isTrue();
		assertThat(application.exit).isNotDone();
		application.shutdown.begin(Signal.SIGINT);
		assertThat(application.exit.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(application.context.isActive()).isFalse();
		// A third is only logged.
		application.shutdown.begin(Signal.SIGTERM);
	}

	@Test
	void speaksOfTheShutdownDelayOnlyWhenThereIsOne(CapturedOutput output) throws Exception {
		CountDownLatch secondSent = new CountDownLatch(1);
		GenericApplicationContext context = new GenericApplicationContext();
		// The shutdown is held where the delay would begin until the second signal arrived.
		context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			try {
				secondSent.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		context.refresh();
		CompletableFuture<Integer> exit = new CompletableFuture<>();
		SignalShutdown shutdown = new SignalShutdown(context, Duration.ZERO, null, exit::complete);
		shutdown.begin(Signal.SIGTERM);
		shutdown.begin(Signal.SIGINT);
		secondSent.countDown();
		assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(143);
		assertThat(output).contains("Received SIGINT while already shutting down")
			.doesNotContain("during the shutdown delay");
	}

	@Test
	void endsTheDelayWhenTheContextClosesByOtherMeans() throws Exception {
		Application application = new Application(Duration.ofMinutes(10), 3);
		application.shutdown.begin(Signal.SIGINT);
		application.refusing.get(10, TimeUnit.SECONDS);
		application.shutdown.endDelay();
		assertThat(application.exit.get(10, TimeUnit.SECONDS)).isEqualTo(3);
	}

	@Test
	void exitsWithTheConfiguredStatusOrTheSignals() {
		GenericApplicationContext context = new GenericApplicationContext();
		assertThat(new SignalShutdown(context, Duration.ZERO, null, (status) -> {
		}).exitStatus(Signal.SIGINT)).isEqualTo(130);
		assertThat(new SignalShutdown(context, Duration.ZERO, 0, (status) -> {
		}).exitStatus(Signal.SIGTERM)).isZero();
	}

	static class Application {

		final GenericApplicationContext context = new GenericApplicationContext();

		final List<ReadinessState> readiness = new CopyOnWriteArrayList<>();

		final CompletableFuture<Void> refusing = new CompletableFuture<>();

		final CompletableFuture<Integer> exit = new CompletableFuture<>();

		// Its exit status completes exit, where System.exit would end the test JVM.
		final SignalShutdown shutdown;

		Application(Duration delay, Integer exitStatus) {
			this.context.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof AvailabilityChangeEvent<?> change && change.getState() instanceof ReadinessState state) {
					this.readiness.add(state);
					this.refusing.complete(null);
				}
			});
			this.context.refresh();
			this.shutdown = new SignalShutdown(this.context, delay, exitStatus, this.exit::complete);
		}

	}

}
