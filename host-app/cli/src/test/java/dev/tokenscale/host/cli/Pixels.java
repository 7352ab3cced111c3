package dev.tokenscale.host.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel counts for checking rendered charts: how much is drawn, and how much of it is in colour. */
final class Pixels {

    private Pixels() {
    }

    /** Pixels whose channels differ by more than 80: coloured, not white, grey or black. */
    static int coloured(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels that are not (near) white. */
    static int inked(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 240 || ((rgb >> 8) & 0xFF) < 240 || (rgb & 0xFF) < 240) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether some pixel is within {@code tolerance} of the colour in every channel. */
    static boolean contains(BufferedImage image, Color colour, int tolerance) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - colour.getRed()) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xFF) - colour.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xFF) - colour.getBlue()) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }
}
