"""Pluggable SMS sending. Configure `SMS_SENDER` with a dotted path to a class."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("gongzhi.sms")


class LogSmsSender:
    """The local sender: writes the message to the log instead of sending it."""

    def send(self, *, phone: str, message: str) -> None:
        logger.info("SMS to %s: %s", phone, message)


def get_sms_sender():
    return import_string(settings.SMS_SENDER)()


def send_sms(*, phone: str, message: str) -> None:
    get_sms_sender().send(phone=phone, message=message)
