package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link WithdrawalReceipt} as a one-page A4 PDF with Apache PDFBox: the title
 * "SpeedTrade withdrawal receipt", then one labelled line per value of the receipt (amounts with 2
 * decimals and the currency, times in ISO-8601 UTC, an absent value as {@code -}).
 *
 * <p><b>PDFBox is an optional dependency of sdk-core</b>: a host that renders receipts adds {@code
 * org.apache.pdfbox:pdfbox} itself (see {@code docs/funding.md}); without it, calling this class
 * fails with {@link NoClassDefFoundError}. {@link WithdrawalReceipt} does not need it. This is the
 * only class of sdk-core that refers to PDFBox.
 *
 * <p>The output is deterministic: the same receipt gives the same bytes. The document's creation
 * date is the receipt's latest time (completed, else reviewed, else requested), never the time of
 * rendering, and the file identifier PDFBox writes is derived from the receipt's text, not from the
 * clock. The text is set in the standard Helvetica fonts, which are not embedded; a character they
 * cannot show (outside Windows-1252, or a control character) is printed as {@code ?}. A value too
 * wide for its line is wrapped; every value fits the page ({@link WithdrawalReceipt#MAX_TEXT}).
 *
 * <p>On its first receipt in a JVM, PDFBox lists the machine's fonts (to draw Helvetica on screen;
 * the receipt does not depend on what it finds) and keeps the list in a file {@code .pdfbox.cache}
 * in the user's home, or in the directory the system property {@code pdfbox.fontcache} names.
 *
 * <p>Thread-safe: it holds no state, and each call builds its own document.
 */
public final class WithdrawalReceiptPdf {
  private static final String TITLE = "SpeedTrade withdrawal receipt";
  private static final String PRODUCER = "SpeedTrade";
  private static final String ABSENT = "-";
  private static final String FOOTER = "Times are UTC (ISO-8601). The destination is shown masked.";

  private static final float MARGIN = 56;
  private static final float VALUE_X = MARGIN + 120;
  private static final float TITLE_SIZE = 16;
  private static final float TEXT_SIZE = 11;
  private static final float FOOTER_SIZE = 8;
  private static final float LEADING = 16;

  private WithdrawalReceiptPdf() {}

  /**
   * Returns the receipt as the bytes of a PDF file.
   *
   * @param receipt the receipt
   * @return a one-page PDF, the same bytes for the same receipt
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null receipt
   * @throws UncheckedIOException when PDFBox fails to make the document (a broken PDFBox
   *     installation; rendering writes to memory only)
   * @throws NoClassDefFoundError when PDFBox is not on the class path
   */
  public static byte[] render(WithdrawalReceipt receipt) {
    if (receipt == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "receipt must not be null");
    }
    List<Line> lines = lines(receipt);
    try (PDDocument document = new PDDocument()) {
      PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      float top = page.getMediaBox().getHeight() - MARGIN;
      float valueWidth = page.getMediaBox().getWidth() - MARGIN - VALUE_X;
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        float y = top;
        show(content, bold, TITLE_SIZE, MARGIN, y, TITLE);
        y -= 2 * LEADING;
        for (Line line : lines) {
          show(content, bold, TEXT_SIZE, MARGIN, y, line.label());
          for (String part : wrap(regular, showable(regular, line.value()), valueWidth)) {
            show(content, regular, TEXT_SIZE, VALUE_X, y, part);
            y -= LEADING;
          }
        }
        y -= LEADING;
        show(content, regular, FOOTER_SIZE, MARGIN, y, FOOTER);
      }
      describe(document, receipt, lines);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PDFBox failed to render the receipt of withdrawal " + receipt.withdrawalId(), e);
    }
  }

  /**
   * Writes the receipt's PDF ({@link #render}) to {@code file}, replacing what the file held (not
   * atomically).
   *
   * @param receipt the receipt
   * @param file the file to write; its directory must exist
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null receipt or file
   * @throws UncheckedIOException naming the file when it cannot be written
   * @throws NoClassDefFoundError when PDFBox is not on the class path
   */
  public static void write(WithdrawalReceipt receipt, Path file) {
    if (file == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "file must not be null");
    }
    byte[] pdf = render(receipt);
    try {
      Files.write(file, pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the receipt of withdrawal " + receipt.withdrawalId() + " to " + file, e);
    }
  }

  /** The labelled lines of the receipt, in the order shown. */
  private static List<Line> lines(WithdrawalReceipt r) {
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("Withdrawal", r.withdrawalId()));
    lines.add(new Line("User", r.user()));
    lines.add(new Line("Kind", r.kind().name()));
    lines.add(new Line("Status", r.status().name()));
    lines.add(new Line("Amount", money(r.amount(), r.currency())));
    lines.add(new Line("Fee", money(r.fee(), r.currency())));
    lines.add(new Line("Net paid", money(r.net(), r.currency())));
    lines.add(new Line("Destination", r.destination()));
    lines.add(new Line("Reference", orAbsent(r.reference())));
    lines.add(new Line("Requested at", time(r.requestedAt())));
    lines.add(new Line("Reviewed at", time(r.reviewedAt())));
    lines.add(new Line("Reviewed by", orAbsent(r.reviewedBy())));
    lines.add(new Line("Completed at", time(r.completedAt())));
    return lines;
  }

  /** {@code 1234.50 USD}: the receipt holds its amounts at scale 2 already. */
  private static String money(BigDecimal amount, String currency) {
    return amount.toPlainString() + " " + currency;
  }

  private static String time(@Nullable Instant at) {
    return at == null ? ABSENT : DateTimeFormatter.ISO_INSTANT.format(at);
  }

  private static String orAbsent(@Nullable String value) {
    return value == null ? ABSENT : value;
  }

  /**
   * Sets the document information (title, producer, creation date) and the seed of the file
   * identifier from the receipt, so that rendering it again gives the same bytes.
   */
  private static void describe(PDDocument document, WithdrawalReceipt r, List<Line> lines) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(TITLE + " " + r.withdrawalId());
    info.setProducer(PRODUCER);
    info.setCreator(PRODUCER);
    Instant created = r.requestedAt();
    Instant reviewed = r.reviewedAt();
    Instant completed = r.completedAt();
    if (completed != null) {
      created = completed;
    } else if (reviewed != null) {
      created = reviewed;
    }
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    calendar.setTimeInMillis(created.toEpochMilli());
    info.setCreationDate(calendar);
    // PDFBox seeds the file identifier with the clock unless a document id is set.
    document.setDocumentId(seed(lines));
  }

  /** The first 8 bytes of the SHA-256 of the receipt's lines. */
  private static long seed(List<Line> lines) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (Line line : lines) {
      sha256.update((line.label() + "=" + line.value() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return ByteBuffer.wrap(sha256.digest()).getLong();
  }

  private static void show(
      PDPageContentStream content, PDFont font, float size, float x, float y, String text)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(text);
    content.endText();
  }

  /** {@code text} with each character {@code font} cannot encode replaced by {@code ?}. */
  private static String showable(PDFont font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              String one = new String(Character.toChars(c));
              out.append(encodable(font, one) ? one : "?");
            });
    return out.toString();
  }

  private static boolean encodable(PDFont font, String character) {
    try {
      font.encode(character);
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  /**
   * {@code text} cut into parts no wider than {@code width} at {@link #TEXT_SIZE}, at any character
   * (the long values are ids and references, which have no spaces to break at).
   */
  private static List<String> wrap(PDFont font, String text, float width) throws IOException {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      String next = part + new String(Character.toChars(c));
      if (part.length() > 0 && font.getStringWidth(next) / 1000 * TEXT_SIZE > width) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.appendCodePoint(c);
      i += Character.charCount(c);
    }
    parts.add(part.toString());
    return parts;
  }

  /** One line of the receipt: its label and the value shown after it. */
  private record Line(String label, String value) {}
}
