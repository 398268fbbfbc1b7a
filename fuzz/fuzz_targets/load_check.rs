//! Any bytes: loading and checking never panics, and every diagnostic has a sane location.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = xxgk::input::load::load_bytes(data, "fuzz.yaml");
    // Line breaks as YAML counts them: \r\n, \n, or a lone \r.
    let text = String::from_utf8_lossy(data).replace("\r\n", "\n");
    let lines = text.matches(['\r', '\n']).count() + 1;
    for d in &loaded.diagnostics {
        if let Some(s) = d.span {
            assert!(s.line >= 1 && s.line <= lines + 1, "line {} of {lines}", s.line);
        }
    }
    if let Some(r) = &loaded.report {
        let _ = xxgk::check::check_report(r);
        let _ = xxgk::check::check_set(&[r, r]);
        // Rendering a loaded report never panics either.
        let view = xxgk::render::ReportView::new(r, xxgk::render::pdf::default_fonts());
        for g in [xxgk::render::proactive_grid(r), xxgk::render::applications_grid(r), xxgk::render::outcomes_grid(r)] {
            xxgk::render::resolve(&g).expect("grids tile");
        }
        let _ = view;
    }
});
