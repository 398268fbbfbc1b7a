#[test]
fn scratch() {
    let src = std::fs::read_to_string("tests/data/2020-cixi-transport-report.txt").unwrap();
    let im = xxgk::import::import_text(&src, "cixi.txt");
    println!("{}", im.yaml);
    for d in &im.diagnostics {
        println!("{:?} {} {}", d.code, d.line(), d.zh);
    }
}
