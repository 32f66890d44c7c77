//! YUV4MPEG2 (4:2:0, full-range BT.601 "C420jpeg") output for Chromium's fake camera.
use std::io::{self, Write};

/// Writes frames (RGBA, all `width` x `height`) as a y4m stream at `fps`.
pub fn write_y4m<W: Write>(mut out: W, width: usize, height: usize, fps: u32, frames: impl Iterator<Item = Vec<u8>>) -> io::Result<()> {
    if width % 2 != 0 || height % 2 != 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "y4m 4:2:0 needs even width and height"));
    }
    writeln!(out, "YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg")?;
    let (cw, ch) = (width / 2, height / 2);
    let mut y_plane = vec![0u8; width * height];
    let mut u_plane = vec![0u8; cw * ch];
    let mut v_plane = vec![0u8; cw * ch];
    for rgba in frames {
        for (i, px) in rgba.chunks_exact(4).enumerate().take(width * height) {
            let (r, g, b) = (px[0] as f32, px[1] as f32, px[2] as f32);
            y_plane[i] = (0.299 * r + 0.587 * g + 0.114 * b).round().clamp(0.0, 255.0) as u8;
        }
        for cy in 0..ch {
            for cx in 0..cw {
                let (mut r, mut g, mut b) = (0f32, 0f32, 0f32);
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = ((cy * 2 + dy) * width + cx * 2 + dx) * 4;
                    r += rgba[p] as f32;
                    g += rgba[p + 1] as f32;
                    b += rgba[p + 2] as f32;
                }
                let (r, g, b) = (r / 4.0, g / 4.0, b / 4.0);
                u_plane[cy * cw + cx] = (128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b).round().clamp(0.0, 255.0) as u8;
                v_plane[cy * cw + cx] = (128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b).round().clamp(0.0, 255.0) as u8;
            }
        }
        out.write_all(b"FRAME\n")?;
        out.write_all(&y_plane)?;
        out.write_all(&u_plane)?;
        out.write_all(&v_plane)?;
    }
    Ok(())
}
