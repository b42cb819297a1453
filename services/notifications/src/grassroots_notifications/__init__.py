"""The notifications service: who must know of what happened, their inbox, and delivery."""

from grassroots_kit.i18n import catalogs

# Its messages in zh-CN (locale/zh_CN/LC_MESSAGES/messages.po), for every process that imports it.
catalogs.load(__name__)
