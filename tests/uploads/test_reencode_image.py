"""reencode_image keeps the picture and drops everything else (GPS above all)."""

import io

from PIL import ExifTags, Image, PngImagePlugin

from communities.uploads import reencode_image
from tests.uploads import samples
from tests.uploads.samples import upload


def opened(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def test_exif_and_the_gps_position_are_gone_after_reencoding():
    original = samples.jpeg_with_gps()
    before = Image.open(io.BytesIO(original)).getexif()
    assert before.get_ifd(ExifTags.IFD.GPSInfo)  # the sample really carries GPS

    result = reencode_image(upload("photo.jpg", original))

    image = opened(result)
    assert image.format == "JPEG"
    assert "exif" not in image.info
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    result.seek(0)
    raw = result.read()
    assert b"Exif\x00\x00" not in raw
    assert b"SecretCam" not in raw


def test_the_orientation_is_applied_before_the_metadata_is_dropped():
    # Stored 60 wide and 20 high; orientation 6 means "turn 90 degrees to show".
    original = samples.jpeg_with_gps(size=(60, 20), orientation=6)

    image = opened(reencode_image(upload("photo.jpg", original)))

    assert image.size == (20, 60)
    assert ExifTags.Base.Orientation not in image.getexif()


def test_png_text_and_exif_chunks_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Zhang San, Room 301")
    original = samples.image_bytes(
        "PNG", pnginfo=info, exif=samples.gps_exif().tobytes()
    )
    assert b"Room 301" in original

    result = reencode_image(upload("chart.png", original))

    result.seek(0)
    raw = result.read()
    assert b"Room 301" not in raw
    assert b"eXIf" not in raw
    assert b"SecretCam" not in raw


def test_an_image_with_transparency_stays_a_png_with_its_alpha():
    original = samples.image_bytes(
        "WEBP", mode="RGBA", color=(0, 0, 255, 0), lossless=True
    )

    result = reencode_image(upload("logo.webp", original))

    image = opened(result)
    assert result.name == "logo.png"
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0


def test_a_gif_with_a_transparent_colour_becomes_a_png_keeping_it():
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "GIF", transparency=0)

    result = opened(reencode_image(upload("logo.gif", out.getvalue())))

    assert result.format == "PNG"
    assert result.convert("RGBA").getpixel((0, 0))[3] == 0


def test_an_opaque_photo_becomes_a_jpeg_named_jpg():
    result = reencode_image(upload("photo.webp", samples.image_bytes("WEBP")))

    assert result.name == "photo.jpg"
    assert opened(result).format == "JPEG"


def test_max_side_shrinks_the_longer_side_and_keeps_the_proportions():
    original = samples.image_bytes("JPEG", size=(1000, 500))

    image = opened(reencode_image(upload("big.jpg", original), max_side=200))

    assert image.size == (200, 100)


def test_a_small_image_is_not_enlarged():
    original = samples.image_bytes("PNG", size=(50, 40))

    image = opened(reencode_image(upload("small.png", original), max_side=200))

    assert image.size == (50, 40)
