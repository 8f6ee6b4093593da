package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.kyc.KycStart;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdate;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KycService} over {@link JdbcKycStore}: replays, reordered deliveries, forgeries and one
 * webhook delivered by 16 threads through two services on one database (two hosts), applied once. A
 * subclass supplies the database.
 */
abstract class JdbcKycServiceTests {
  private static final Instant T0 = Instant.parse("2026-03-02T14:30:00.123456789Z");

  private final ManualClock clock = new ManualClock(T0);
  // Two hosts verify with the same webhook secret; the mock only reads what it sent, so they share
  // it.
  private final MockKycProvider mock =
      MockKycProvider.builder().webhookSecret(Secret.of("kyc-jdbc-secret")).clock(clock).build();
  private KycService host1;
  private KycService host2;

  /** Returns a migrated database holding no KYC record. */
  protected abstract DataSource emptyDatabase();

  /** Returns a second way into the same database (another pool: another host). */
  protected abstract DataSource secondHost();

  @BeforeEach
  void hosts() {
    host1 =
        KycService.builder()
            .provider(mock)
            .store(new JdbcKycStore(emptyDatabase()))
            .clock(clock)
            .build();
    host2 =
        KycService.builder()
            .provider(mock)
            .store(new JdbcKycStore(secondHost()))
            .clock(clock)
            .build();
  }

  private KycUpdate deliver(KycService host, KycWebhookDelivery delivery) {
    clock.advance(Duration.ofSeconds(1));
    return host.handleWebhook(delivery.body(), delivery.headers());
  }

  @Test
  void aVerificationGoesThroughRetryToApprovalAndEveryHostSeesIt() {
    String applicant = host1.start("alice").verification().applicantId();
    deliver(host1, mock.reject(applicant, KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS")));
    KycStart again = host2.start("alice");
    deliver(host2, mock.approve(applicant));

    assertThat(again.verification().attempt()).isEqualTo(2);
    assertThat(again.accessToken()).isNotNull();
    assertThat(host1.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(host1.history("alice")).isEqualTo(host2.history("alice")).hasSize(4);
    assertThat(host1.history("alice").get(1).review().rejectLabels())
        .containsExactly("UNSATISFACTORY_PHOTOS");
  }

  @Test
  void aReplayOnEitherHostIsADuplicateAndChangesNothing() {
    String applicant = host1.start("alice").verification().applicantId();
    KycWebhookDelivery approval = mock.approve(applicant);
    assertThat(deliver(host1, approval).code()).isEqualTo(KycUpdateCode.APPLIED);
    List<KycStatusChange> history = host1.history("alice");

    assertThat(deliver(host1, approval).code()).isEqualTo(KycUpdateCode.DUPLICATE);
    assertThat(deliver(host2, approval).code()).isEqualTo(KycUpdateCode.DUPLICATE);

    assertThat(host2.history("alice")).isEqualTo(history);
    assertThat(host2.webhooks("alice")).hasSize(1);
  }

  @Test
  void anOlderEventAfterANewerOneDoesNotMoveTheStateBack() {
    String applicant = host1.start("alice").verification().applicantId();
    KycWebhookDelivery retry = mock.reject(applicant, KycRejectType.RETRY, List.of("BLURRY"));
    KycWebhookDelivery approval = mock.approve(applicant);

    deliver(host2, approval);
    assertThat(deliver(host1, retry).code()).isEqualTo(KycUpdateCode.STALE);

    assertThat(host1.status("alice")).isEqualTo(KycStatus.APPROVED);
    assertThat(host1.webhooks("alice"))
        .extracting(w -> w.outcome())
        .containsExactly(KycUpdateCode.APPLIED, KycUpdateCode.STALE);
  }

  @Test
  void theRawBodyIsKeptByteForByteAndAForgeryKeepsNothing() {
    String applicant = host1.start("alice").verification().applicantId();
    KycWebhookDelivery approval = mock.approve(applicant);
    byte[] altered = approval.bodyText().replace("GREEN", "GREEM").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> host1.handleWebhook(altered, approval.headers()))
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(
            e ->
                assertThat(((SpeedTradeException) e).code())
                    .isEqualTo(ErrorCode.INVALID_SIGNATURE));
    assertThat(host1.webhooks("alice")).isEmpty();

    deliver(host1, approval);
    assertThat(host2.webhooks("alice").get(0).body()).isEqualTo(approval.body());
  }

  @Test
  void sixteenThreadsOnTwoHostsDeliveringTheSameWebhookApplyItOnce() throws Exception {
    List<KycStatusChange> seen = Collections.synchronizedList(new ArrayList<>());
    host1.onStatusChange(seen::add);
    host2.onStatusChange(seen::add);
    String applicant = host1.start("alice").verification().applicantId();
    KycWebhookDelivery approval = mock.approve(applicant);

    List<KycUpdate> updates =
        onThreads(
            16,
            thread ->
                (thread % 2 == 0 ? host1 : host2)
                    .handleWebhook(approval.body(), approval.headers()));

    assertThat(updates).filteredOn(KycUpdate::applied).hasSize(1);
    assertThat(updates).filteredOn(u -> u.code() == KycUpdateCode.DUPLICATE).hasSize(15);
    assertThat(host1.history("alice")).hasSize(2);
    assertThat(host1.webhooks("alice")).hasSize(1);
    assertThat(seen).hasSize(2); // the start and the one approval
  }

  @Test
  void sixteenThreadsOnTwoHostsStartingOneUserOpenOneVerification() throws Exception {
    List<KycStart> starts =
        onThreads(16, thread -> (thread % 2 == 0 ? host1 : host2).start("alice"));

    assertThat(starts)
        .extracting(KycStart::verification)
        .containsOnly(starts.get(0).verification());
    assertThat(host2.history("alice")).hasSize(1);
  }

  /** A call made on thread number {@code thread}. */
  @FunctionalInterface
  interface ThreadCall<T> {
    T call(int thread) throws Exception;
  }

  private static <T> List<T> onThreads(int threads, ThreadCall<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        Callable<T> task =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              return call.call(thread);
            };
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
