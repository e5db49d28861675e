//! Which renderer draws the window, so that it opens on any office PC.
//!
//! Many commune PCs, virtual machines and Remote Desktop sessions have no usable GPU
//! driver. The window first tries wgpu: on Windows DirectX 12 or Vulkan, a real GPU
//! first, then a software adapter (WARP, which every Windows 10/11 has, or a software
//! Vulkan). When wgpu finds nothing that can draw, it tries glow (OpenGL). When that fails
//! too, `main` tells the officer in a message box. `PHULUC_RENDERER=wgpu|glow` forces one.

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetup, WgpuSetupCreateNew};
use eframe::wgpu;

/// The environment variable that forces a renderer.
pub const RENDERER_VAR: &str = "PHULUC_RENDERER";

/// The renderers to try, in order: the forced one, or wgpu then glow.
pub fn order(forced: Option<&str>) -> Vec<eframe::Renderer> {
    match forced
        .map(str::trim)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("glow" | "opengl" | "gl") => vec![eframe::Renderer::Glow],
        Some("wgpu") => vec![eframe::Renderer::Wgpu],
        _ => vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow],
    }
}

/// wgpu's set-up: the backends worth trying here, and the adapter chosen by [`rank`].
pub fn wgpu_configuration() -> WgpuConfiguration {
    let mut setup = WgpuSetupCreateNew::without_display_handle();
    if cfg!(windows) && wgpu::Backends::from_env().is_none() {
        // OpenGL is glow's job (it is the fallback); DirectX 12 and Vulkan are wgpu's.
        setup.instance_descriptor.backends = wgpu::Backends::DX12 | wgpu::Backends::VULKAN;
    }
    setup.native_adapter_selector = Some(std::sync::Arc::new(|adapters, surface| {
        adapters
            .iter()
            .filter(|a| surface.is_none_or(|s| a.is_surface_supported(s)))
            .filter_map(|a| {
                let info = a.get_info();
                rank(info.device_type, info.backend).map(|r| (r, a))
            })
            .min_by_key(|(r, _)| *r)
            .map(|(_, a)| a.clone())
            .ok_or_else(|| "không có bộ điều hợp đồ hoạ nào vẽ được cửa sổ".to_owned())
    }));
    WgpuConfiguration {
        wgpu_setup: WgpuSetup::CreateNew(setup),
        ..WgpuConfiguration::default()
    }
}

/// How good an adapter is for this window, lower first; `None` for one never to use.
///
/// A real GPU beats software; among GPUs DirectX 12 comes first (the Windows driver
/// every vendor tests), then Vulkan. Among software adapters a software Vulkan comes
/// before WARP: on real Windows only WARP exists, and under Wine (used to test the
/// Windows build) DirectX 12 runs on top of that same Vulkan and loses its device.
pub fn rank(device_type: wgpu::DeviceType, backend: wgpu::Backend) -> Option<u8> {
    use wgpu::{Backend, DeviceType};
    let backend = match (device_type, backend) {
        (_, Backend::Noop | Backend::BrowserWebGpu) => return None,
        (DeviceType::Cpu, Backend::Vulkan) => 0,
        (DeviceType::Cpu, Backend::Dx12) => 1,
        (_, Backend::Dx12) => 0,
        (_, Backend::Vulkan) => 1,
        (_, Backend::Metal) => 0,
        (_, Backend::Gl) => 2,
    };
    let device = match device_type {
        DeviceType::DiscreteGpu => 0,
        DeviceType::IntegratedGpu => 1,
        DeviceType::VirtualGpu => 2,
        DeviceType::Other => 3,
        DeviceType::Cpu => 4,
    };
    Some(device * 4 + backend)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Renderer;
    use wgpu::{Backend, DeviceType};

    #[test]
    fn a_real_gpu_beats_software_and_dx12_leads_among_gpus() {
        let order = [
            (DeviceType::DiscreteGpu, Backend::Dx12),
            (DeviceType::DiscreteGpu, Backend::Vulkan),
            (DeviceType::IntegratedGpu, Backend::Dx12),
            (DeviceType::Cpu, Backend::Vulkan),
            (DeviceType::Cpu, Backend::Dx12),
        ];
        let ranks: Vec<u8> = order.iter().filter_map(|(d, b)| rank(*d, *b)).collect();
        assert_eq!(ranks.len(), order.len());
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
        assert_eq!(rank(DeviceType::Other, Backend::Noop), None);
    }

    #[test]
    fn the_renderer_can_be_forced() {
        assert_eq!(order(None), vec![Renderer::Wgpu, Renderer::Glow]);
        assert_eq!(order(Some(" GLOW ")), vec![Renderer::Glow]);
        assert_eq!(order(Some("wgpu")), vec![Renderer::Wgpu]);
        assert_eq!(order(Some("gì đó")), vec![Renderer::Wgpu, Renderer::Glow]);
    }
}
