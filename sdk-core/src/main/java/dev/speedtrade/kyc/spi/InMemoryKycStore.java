package dev.speedtrade.kyc.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycVerification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KycStore} in the JVM's memory, for tests, demos and single-process hosts: one lock
 * serializes every call, reads included. A work that throws keeps the writes it made before
 * throwing (the KYC service judges first and writes last); a refused write writes nothing.
 * Everything stays in memory for the store's life, every webhook body included.
 */
public final class InMemoryKycStore implements KycStore {
  private final Book book = new Book();
  private final KycBook readOnly = new ReadOnly(book);

  /** Creates an empty store. */
  public InMemoryKycStore() {}

  @Override
  public <T> T inTransaction(Function<KycBook, T> work) {
    notNull(work, "work");
    synchronized (book) {
      return work.apply(book);
    }
  }

  @Override
  public <T> T read(Function<KycBook, T> work) {
    notNull(work, "work");
    synchronized (book) {
      return work.apply(readOnly);
    }
  }

  private static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }

  /** Every record; guarded by its own monitor. */
  private static final class Book implements KycBook {
    private final Map<String, KycVerification> byUser = new HashMap<>();
    private final Map<String, String> userByApplicant = new HashMap<>();
    private final Map<String, List<KycStatusChange>> history = new HashMap<>();
    private final Map<String, KycReceivedWebhook> webhooks = new LinkedHashMap<>();
    private final Map<String, List<KycReceivedWebhook>> webhooksByApplicant = new HashMap<>();

    @Override
    public Optional<KycVerification> verification(String user) {
      return Optional.ofNullable(byUser.get(notNull(user, "user")));
    }

    @Override
    public Optional<KycVerification> verificationOfApplicant(String applicantId) {
      String user = userByApplicant.get(notNull(applicantId, "applicantId"));
      return user == null ? Optional.empty() : Optional.ofNullable(byUser.get(user));
    }

    @Override
    public void putVerification(KycVerification verification) {
      notNull(verification, "verification");
      String holder = userByApplicant.get(verification.applicantId());
      if (holder != null && !holder.equals(verification.user())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "applicant "
                + verification.applicantId()
                + " is the verification of user '"
                + holder
                + "', not of '"
                + verification.user()
                + "'");
      }
      KycVerification earlier = byUser.put(verification.user(), verification);
      if (earlier != null) {
        userByApplicant.remove(earlier.applicantId());
      }
      userByApplicant.put(verification.applicantId(), verification.user());
    }

    @Override
    public List<KycStatusChange> history(String user) {
      List<KycStatusChange> changes = history.get(notNull(user, "user"));
      return changes == null ? List.of() : List.copyOf(changes);
    }

    @Override
    public void appendChange(KycStatusChange change) {
      notNull(change, "change");
      if (!byUser.containsKey(change.user())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "no verification of user '" + change.user() + "' to append a change to");
      }
      history.computeIfAbsent(change.user(), u -> new ArrayList<>()).add(change);
    }

    @Override
    public Optional<KycReceivedWebhook> webhook(String eventKey) {
      return Optional.ofNullable(webhooks.get(notNull(eventKey, "eventKey")));
    }

    @Override
    public List<KycReceivedWebhook> webhooks(String applicantId) {
      List<KycReceivedWebhook> kept = webhooksByApplicant.get(notNull(applicantId, "applicantId"));
      return kept == null ? List.of() : List.copyOf(kept);
    }

    @Override
    public List<KycReceivedWebhook> webhooksWithOutcome(KycUpdateCode outcome) {
      notNull(outcome, "outcome");
      return webhooks.values().stream().filter(w -> w.outcome() == outcome).toList();
    }

    @Override
    public void addWebhook(KycReceivedWebhook webhook) {
      notNull(webhook, "webhook");
      if (webhooks.containsKey(webhook.eventKey())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "a webhook with event key " + webhook.eventKey() + " is kept already");
      }
      webhooks.put(webhook.eventKey(), webhook);
      webhooksByApplicant
          .computeIfAbsent(webhook.event().applicantId(), a -> new ArrayList<>())
          .add(webhook);
    }
  }

  /** The book of {@link #read}: reads go through, writes are refused. */
  private static final class ReadOnly implements KycBook {
    private final KycBook book;

    ReadOnly(KycBook book) {
      this.book = book;
    }

    @Override
    public Optional<KycVerification> verification(String user) {
      return book.verification(user);
    }

    @Override
    public Optional<KycVerification> verificationOfApplicant(String applicantId) {
      return book.verificationOfApplicant(applicantId);
    }

    @Override
    public void putVerification(KycVerification verification) {
      throw refused();
    }

    @Override
    public List<KycStatusChange> history(String user) {
      return book.history(user);
    }

    @Override
    public void appendChange(KycStatusChange change) {
      throw refused();
    }

    @Override
    public Optional<KycReceivedWebhook> webhook(String eventKey) {
      return book.webhook(eventKey);
    }

    @Override
    public List<KycReceivedWebhook> webhooks(String applicantId) {
      return book.webhooks(applicantId);
    }

    @Override
    public List<KycReceivedWebhook> webhooksWithOutcome(KycUpdateCode outcome) {
      return book.webhooksWithOutcome(outcome);
    }

    @Override
    public void addWebhook(KycReceivedWebhook webhook) {
      throw refused();
    }

    private static IllegalStateException refused() {
      return new IllegalStateException("a KycStore.read book does not write: use inTransaction");
    }
  }
}
