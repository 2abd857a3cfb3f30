"""Photos in the logbook: checked from their content, never from their name or the browser's
word, and stored re-encoded as a JPEG of at most 1600 px — which also drops the EXIF data
(location, phone model) the original may carry."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}  # MPO: the JPEG variant of some phones


def photo_prepare(upload: UploadedFile) -> ContentFile:
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            {"photo": _("The photo is too large: at most %(size)s MB.") % {"size": 10}}
        )
    not_a_photo = ValidationError(
        {"photo": _("This file is not a photo. Choose a JPEG, PNG or WebP image.")}
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise not_a_photo
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"photo": _("The photo has too many pixels.")})
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            if picture.mode != "RGB":
                rgba = picture.convert("RGBA")
                picture = Image.new("RGB", rgba.size, "white")
                picture.paste(rgba, mask=rgba.getchannel("A"))
            output = BytesIO()
            picture.save(output, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise not_a_photo from error
    return ContentFile(output.getvalue(), name="photo.jpg")
