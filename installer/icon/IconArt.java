import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the product icon (a key over a shield on a calm blue tile) and writes every form the installers
 * and the window need: PNGs, a multi-size Windows .ico and a macOS .icns, all from the same vector art so
 * they never drift apart.
 *
 * <p>Run from the checkout root: {@code java installer/icon/IconArt.java} (JDK 17 single-file launch).
 */
public final class IconArt {
    private static final Color TILE_TOP = new Color(0x3B82D6);
    private static final Color TILE_BOTTOM = new Color(0x1E56A8);
    private static final Color SHIELD = new Color(0xF7FAFF);
    private static final Color SHIELD_EDGE = new Color(0xC9DBF2);
    private static final Color KEY = new Color(0x1E56A8);

    private IconArt() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path assets = Files.createDirectories(root.resolve("assets"));
        Path uiIcons = Files.createDirectories(root.resolve("src/main/resources/com/npskms/ui/icons"));

        ImageIO.write(render(512), "png", assets.resolve("icon.png").toFile());
        ImageIO.write(render(1024), "png", assets.resolve("icon-1024.png").toFile());
        for (int size : List.of(16, 32, 48, 64, 128, 256)) {
            ImageIO.write(render(size), "png", uiIcons.resolve("icon-" + size + ".png").toFile());
        }
        Files.write(assets.resolve("icon.ico"), ico(List.of(16, 24, 32, 48, 64, 128, 256)));
        Files.write(assets.resolve("icon.icns"), icns());
        System.out.println("icons written under " + assets.toAbsolutePath().normalize() + " and " + uiIcons);
    }

    /** The icon at {@code size} x {@code size} pixels, drawn in a 1000-unit design space. */
    static BufferedImage render(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 1000.0, size / 1000.0);
        // Tiny sizes lose the margin and the shield's rim; fill more of the square so it still reads.
        boolean tiny = size <= 32;
        double inset = tiny ? 10 : 50;

        g.setPaint(new GradientPaint(0, 0, TILE_TOP, 0, 1000, TILE_BOTTOM));
        double side = 1000 - 2 * inset;
        g.fill(new RoundRectangle2D.Double(inset, inset, side, side, side * 0.44, side * 0.44));

        Path2D shield = shield(tiny ? 1.12 : 1.0);
        if (!tiny) {
            g.setPaint(SHIELD_EDGE);
            g.setStroke(new BasicStroke(28, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shield);
        }
        g.setPaint(SHIELD);
        g.fill(shield);

        g.setPaint(KEY);
        g.fill(key(tiny));
        g.dispose();
        return img;
    }

    /** A heater shield: flat-ish top with rounded shoulders, straight flanks, curving to a point. */
    private static Path2D shield(double scale) {
        Path2D p = new Path2D.Double();
        p.moveTo(500, 190);
        p.curveTo(590, 245, 680, 262, 760, 262);
        p.lineTo(760, 470);
        p.curveTo(760, 640, 650, 760, 500, 830);
        p.curveTo(350, 760, 240, 640, 240, 470);
        p.lineTo(240, 262);
        p.curveTo(320, 262, 410, 245, 500, 190);
        p.closePath();
        AffineTransform t = new AffineTransform();
        t.translate(500, 510);
        t.scale(scale, scale);
        t.translate(-500, -510);
        return (Path2D) t.createTransformedShape(p);
    }

    /** An upright key: a round bow with a hole, a shaft, and two bits on the right. */
    private static Area key(boolean tiny) {
        double bowR = tiny ? 118 : 100;
        double holeR = tiny ? 42 : 40;
        double shaftW = tiny ? 80 : 58;
        double cx = 500;
        double cy = tiny ? 405 : 405;
        Area key = new Area(new Ellipse2D.Double(cx - bowR, cy - bowR, 2 * bowR, 2 * bowR));
        double shaftTop = cy + bowR - 20;
        double shaftBottom = tiny ? 745 : 715;
        key.add(new Area(new Rectangle2D.Double(cx - shaftW / 2, shaftTop, shaftW, shaftBottom - shaftTop)));
        double bitH = tiny ? 52 : 40;
        double bitW = tiny ? 90 : 80;
        key.add(new Area(new Rectangle2D.Double(cx + shaftW / 2 - 2, shaftBottom - bitH, bitW, bitH)));
        if (!tiny) {
            key.add(new Area(new Rectangle2D.Double(cx + shaftW / 2 - 2, shaftBottom - 3.1 * bitH, bitW * 0.7, bitH)));
        }
        key.subtract(new Area(new Ellipse2D.Double(cx - holeR, cy - holeR - (tiny ? 10 : 18), 2 * holeR, 2 * holeR)));
        return key;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(render(size), "png", out);
        return out.toByteArray();
    }

    /**
     * A Windows icon with one image per size: 256 px PNG-compressed (as Windows expects for that size), the
     * smaller ones as classic 32-bit bitmaps, which every Windows component and resource tool reads.
     */
    static byte[] ico(List<Integer> sizes) throws IOException {
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        for (int s : sizes) {
            images.put(s, s >= 256 ? png(s) : bitmap(render(s)));
        }
        int offset = 6 + 16 * images.size();
        int total = offset + images.values().stream().mapToInt(b -> b.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
            int s = e.getKey();
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)); // 0 means 256
            b.put((byte) 0).put((byte) 0);          // no palette, reserved
            b.putShort((short) 1).putShort((short) 32); // colour planes, bits per pixel
            b.putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        images.values().forEach(b::put);
        return b.array();
    }

    /** An icon image in BMP form: header, BGRA rows bottom-up, then the (all-opaque) 1-bit AND mask. */
    private static byte[] bitmap(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int maskRow = ((w + 31) / 32) * 4;
        ByteBuffer b = ByteBuffer.allocate(40 + w * h * 4 + maskRow * h).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(40).putInt(w).putInt(2 * h); // height counts the colour rows and the mask rows
        b.putShort((short) 1).putShort((short) 32).putInt(0).putInt(w * h * 4 + maskRow * h);
        b.putInt(0).putInt(0).putInt(0).putInt(0);
        for (int y = h - 1; y >= 0; y--) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                b.put((byte) argb).put((byte) (argb >> 8)).put((byte) (argb >> 16)).put((byte) (argb >>> 24));
            }
        }
        // The alpha channel decides transparency; a zero mask leaves every pixel to it.
        b.put(new byte[maskRow * h]);
        return b.array();
    }

    /** A macOS icon family with PNG entries from 16 to 1024 pixels, including the Retina (@2x) types. */
    static byte[] icns() throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024); // 512@2x
        types.put("ic11", 32);   // 16@2x
        types.put("ic12", 64);   // 32@2x
        types.put("ic13", 256);  // 128@2x
        types.put("ic14", 512);  // 256@2x
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] data = png(e.getValue());
            body.write(e.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(8 + data.length).array());
            body.write(data);
        }
        ByteBuffer b = ByteBuffer.allocate(8 + body.size());
        b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + body.size());
        b.put(body.toByteArray());
        return b.array();
    }
}
