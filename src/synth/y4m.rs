//! YUV4MPEG2 (4:2:0, full-range BT.601 "C420jpeg") output for Chromium's fake camera.
use super::yuv::{block_mean, chroma, luma};
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
            y_plane[i] = luma(px[0] as f32, px[1] as f32, px[2] as f32);
        }
        for cy in 0..ch {
            for cx in 0..cw {
                let (r, g, b) = block_mean(&rgba, width, height, cx, cy);
                (u_plane[cy * cw + cx], v_plane[cy * cw + cx]) = chroma(r, g, b);
            }
        }
        out.write_all(b"FRAME\n")?;
        out.write_all(&y_plane)?;
        out.write_all(&u_plane)?;
        out.write_all(&v_plane)?;
    }
    Ok(())
}
