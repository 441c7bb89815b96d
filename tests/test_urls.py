from site_builder.model.urls import output_path, relative_url


def test_output_paths() -> None:
    assert output_path(None, "") == "index.html"
    assert output_path("zh", "") == "zh/index.html"
    assert output_path("en", "areas/industry") == "en/areas/industry/index.html"


def test_links_are_relative_folder_links() -> None:
    area = output_path("zh", "areas/industry")
    assert relative_url(area, output_path("en", "areas/industry")) == "../../../en/areas/industry/"
    assert relative_url(area, output_path("zh", "")) == "../../"
    assert relative_url(area, "assets/site.css") == "../../../assets/site.css"
    assert relative_url(output_path(None, ""), output_path("zh", "")) == "zh/"
    assert relative_url(area, area) == "./"
