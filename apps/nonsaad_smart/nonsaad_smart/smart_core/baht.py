"""Baht amounts in Thai words, as on receipts and cheques: 1,250.50 -> หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์."""

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _below_million(n: int, has_higher: bool = False) -> str:
	"""Words for 0 < n < 1,000,000; a final 1 reads เอ็ด after any higher digit (11, 101, 1,000,001)."""
	words = []
	digits = str(n)
	length = len(digits)
	for i, ch in enumerate(digits):
		d = int(ch)
		place = length - i - 1
		if d == 0:
			continue
		if place == 1 and d == 1:
			words.append("สิบ")
		elif place == 1 and d == 2:
			words.append("ยี่สิบ")
		elif place == 0 and d == 1 and (length > 1 or has_higher):
			words.append("เอ็ด")
		else:
			words.append(_DIGITS[d] + _PLACES[place])
	return "".join(words)


def number_text(n: int) -> str:
	"""Thai words for a non-negative integer (ล้าน repeats for large numbers)."""
	if n == 0:
		return _DIGITS[0]
	millions, rest = divmod(n, 1_000_000)
	text = _below_million(rest, has_higher=millions > 0) if rest else ""
	if millions:
		text = number_text(millions) + "ล้าน" + text
	return text


def baht_text(amount) -> str:
	"""Thai words for a baht amount, rounded to satang: 100 -> หนึ่งร้อยบาทถ้วน."""
	value = Decimal(str(amount or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
	negative = value < 0
	value = abs(value)
	baht = int(value)
	satang = int((value - baht) * 100)
	text = ""
	if baht or not satang:
		text = number_text(baht) + "บาท"
	text += number_text(satang) + "สตางค์" if satang else "ถ้วน"
	return ("ลบ" + text) if negative else text
