package screens

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// newEntitlementsPage explains, plainly, the main support a care leaver in
// England is entitled to.
func (u *UI) newEntitlementsPage() screen {
	item := func(title, text string) *widget.Card { return card(bold(title), para(text)) }
	return base{page(
		heading(lang.X("rights.title", "What you're entitled to")),
		para(lang.X("rights.intro", "As a care leaver you have a right to extra help. Here are the main things. Ask your personal adviser about any of them.")),
		note(lang.X("rights.caveat", "These amounts were correct for England in 2025/26. Your council can give more, and some details differ from council to council, so check your council's Local Offer.")),
		item(lang.X("rights.adviser.title", "A personal adviser up to 25"),
			lang.X("rights.adviser.text", "You can have a personal adviser until you are 25, whether or not you are in education or training. They help you with your pathway plan and with whatever comes up.")),
		item(lang.X("rights.staying_put.title", "Staying Put up to 21"),
			lang.X("rights.staying_put.text", "If you live with foster carers, you may be able to stay living with them after you turn 18, up to 21, if you and they both want to.")),
		item(lang.X("rights.home.title", "Money to set up your home"),
			lang.X("rights.home.text", "Your council should give you a setting-up-home allowance to buy things for your first home, like furniture and kitchen things. Since April 2023 the recommended amount is at least £3,000.")),
		item(lang.X("rights.he_bursary.title", "A bursary for university"),
			lang.X("rights.he_bursary.text", "If you go to university or do another higher education course, your council must give you a bursary of £2,000.")),
		item(lang.X("rights.bursary_16_19.title", "The 16 to 19 Bursary"),
			lang.X("rights.bursary_16_19.text", "If you are 16 to 19 and in education or training, you can get a bursary of up to £1,200 a year. Ask your school, college or training provider.")),
		item(lang.X("rights.local_offer.title", "Your council's Local Offer"),
			lang.X("rights.local_offer.text", "Every council publishes a Local Offer for care leavers. It lists all the help you can get where you live, such as help with council tax, travel or leisure. Search online for your council's name and \"local offer for care leavers\".")),
	)}
}
