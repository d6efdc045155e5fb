package org.slimta.system.internal.signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slimta.system.signal.Signal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalLanesTests {

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private SignalLanes lanes;

	@AfterEach
	void close() {
		this.release.countDown();
		if (this.lanes != null) {
			this.lanes.close();
		}
	}

	@Test
	void handlesAnotherSignalWhileTheHandlingOfOneBlocks() throws Exception {
		CountDownLatch terminated = new CountDownLatch(1);
		this.lanes = new SignalLanes("test-", (signal, pid, uid) -> {
			if (signal == Signal.SIGHUP) {
				await(this.release);
			}
			else {
				this.handled.add(signal + " on " + Thread.currentThread().getName());
				terminated.countDown();
			}
		});
		this.lanes.handle(Signal.SIGHUP, 1, 0);
		this.lanes.handle(Signal.SIGTERM, 2, 0);
		assertThat(terminated.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.handled).containsExactly("SIGTERM on test-term");
	}

	@Test
	void handlesTheSignalsOfOneKindInTheOrderTheyArrived() throws Exception {
		CountDownLatch all = new CountDownLatch(50);
		this.lanes = new SignalLanes("test-", (signal, pid, uid) -> {
			this.handled.add(Integer.toString(pid));
			all.countDown();
		});
		for (int pid = 0; pid < 50; pid++) {
			this.lanes.handle(Signal.SIGHUP, pid, 0);
		}
		assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.handled).containsExactlyElementsOf(
				java.util.stream.IntStream.range(0, 50).mapToObj(Integer::toString).toList());
	}

	@Test
	void goesOnAfterAHandlingThatThrew() throws Exception {
		CountDownLatch second = new CountDownLatch(1);
		this.lanes = new SignalLanes("test-", (signal, pid, uid) -> {
			if (pid == 1) {
				throw new IllegalStateException("listener failed");
			}
			second.countDown();
		});
		this.lanes.handle(Signal.SIGUSR1, 1, 0);
		this.lanes.handle(Signal.SIGUSR1, 2, 0);
		assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void dropsWhatExceedsTheBacklogWhileTheHandlingIsStuck() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(SignalLanes.BACKLOG + 1);
		this.lanes = new SignalLanes("test-", (signal, pid, uid) -> {
			started.countDown();
			await(this.release);
			this.handled.add(Integer.toString(pid));
			done.countDown();
		});
		this.lanes.handle(Signal.SIGHUP, -1, 0);
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		for (int pid = 0; pid < SignalLanes.BACKLOG + 10; pid++) {
			this.lanes.handle(Signal.SIGHUP, pid, 0);
		}
		this.release.countDown();
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.handled).hasSize(SignalLanes.BACKLOG + 1).doesNotContain(Integer.toString(SignalLanes.BACKLOG));
	}

	@Test
	void handlesWithTheContextClassLoaderOfTheThreadThatMadeTheLanes() throws Exception {
		ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
		};
		ClassLoader before = Thread.currentThread().getContextClassLoader();
		Thread.currentThread().setContextClassLoader(application);
		List<ClassLoader> seen = new CopyOnWriteArrayList<>();
		CountDownLatch handled = new CountDownLatch(1);
		try {
			this.lanes = new SignalLanes("test-", (signal, pid, uid) -> {
				seen.add(Thread.currentThread().getContextClassLoader());
				handled.countDown();
			});
		}
		finally {
			Thread.currentThread().setContextClassLoader(before);
		}
		// Delivered from a thread with another class loader, as the JVM's signal threads are.
		Thread other = new Thread(() -> this.lanes.handle(Signal.SIGHUP, 1, 0));
		other.setContextClassLoader(ClassLoader.getPlatformClassLoader());
		other.start();
		other.join();
		assertThat(handled.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(seen).containsExactly(application);
	}

	@Test
	void namesEachThreadForItsSignal() {
		assertThat(new SignalLanes("slimta-signal-", (signal, pid, uid) -> {
		}).threadName(Signal.SIGHUP)).isEqualTo("slimta-signal-hup");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
