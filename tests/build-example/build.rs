fn main() -> Result<(), Box<dyn std::error::Error>> {
    openapi_gen::Config::new().generate_to_out_dir("../../spec/openapi.json")?;
    Ok(())
}
